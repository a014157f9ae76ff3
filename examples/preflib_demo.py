"""Claims checked on preference data read from a PrefLib file.

``python examples/preflib_demo.py [FILE.soc]`` reads a strict complete PrefLib file (by default
``tests/data/exact-demo-rooms.soc``: six students ranking four rooms, a small file crafted in
PrefLib's format) and checks three claims on every housing market formed by as many of its
voters as there are rooms, agent ``i`` of a market owning room ``i``:

* ``rooms/ttc-strategy-proof``: under top trading cycles no agent gets a better room by
  misreporting (Roth 1982): verified on every market of the file;
* ``rooms/ttc-individually-rational``: every agent's TTC room is at least as good as her own;
* ``rooms/sd-envy-free``: serial dictatorship (priority by position) leaves no agent envying
  another; false, and the verdict shows the first market of the file where it fails.

The file is also a claim file: ``exact check examples/preflib_demo.py`` checks the three claims
on the default file and saves replayable records.
"""

import os
import sys

from exact import InputError, check, claim, fails, holds
from exact.mechanisms import envy_pair, serial_dictatorship, ttc
from exact.preflib import PrefLibProfiles, read_preflib

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "tests", "data",
                    "exact-demo-rooms.soc")


def markets(path: str = DATA) -> PrefLibProfiles:
    """The housing markets of a strict PrefLib file: every choice of one voter per room."""
    data = read_preflib(path)
    return PrefLibProfiles(data, agents=data.n_alternatives)


def claims_for(domain, allocate=ttc, dictatorship=serial_dictatorship, register=True):
    """The three claims over ``domain``; ``allocate`` and ``dictatorship`` are the mechanisms
    checked (the tests pass broken ones to show that each claim can fail)."""

    @claim("rooms/ttc-strategy-proof", domain=domain, register=register,
           source="Roth (1982), Econ. Letters 9, 127-132",
           statement="On every market of the file (agent i owns room i), no agent obtains a "
                     "better room under TTC by reporting another strict ranking.")
    def strategy_proof(profile):
        truth = allocate(profile)
        for agent, lie in profile.misreports():
            got = allocate(profile.replace(agent, lie))[agent]
            if profile.prefers(agent, got, truth[agent]):
                return fails(agent=agent, report=lie, truthful=truth[agent], misreported=got)
        return holds()

    @claim("rooms/ttc-individually-rational", domain=domain, register=register,
           source="Shapley and Scarf (1974)",
           statement="On every market of the file, each agent's TTC room is at least as good "
                     "as her own room i.")
    def individually_rational(profile):
        x = allocate(profile)
        for i in range(profile.n):
            if profile.prefers(i, i, x[i]):
                return fails(agent=i, room=x[i], own=i)
        return holds()

    @claim("rooms/sd-envy-free", domain=domain, register=register,
           statement="Serial dictatorship (priority by position) leaves no agent envying "
                     "another on any market of the file (false).")
    def sd_envy_free(profile):
        x = dictatorship(profile)
        pair = envy_pair(profile, x)
        return holds() if pair is None else fails(envious=pair[0], envied=pair[1],
                                                  allocation=x)

    return strategy_proof, individually_rational, sd_envy_free


ttc_strategy_proof, ttc_individually_rational, sd_envy_free = claims_for(markets())


def main(argv) -> int:
    path = argv[1] if len(argv) > 1 else DATA
    try:
        domain = markets(path)
    except InputError as exc:
        print(f"preflib_demo: {exc}", file=sys.stderr)
        return 3
    data = domain.data
    print(f"{data.source}: {data.meta('TITLE') or '(no title)'}")
    print(f"  {data.n_voters} voters, {data.n_alternatives} alternatives: "
          f"{', '.join(data.alternatives)}")
    print(f"  domain: {domain.name} ({domain.count(domain.agents)} markets)")
    cs = claims_for(domain, register=False) if path != DATA else \
        (ttc_strategy_proof, ttc_individually_rational, sd_envy_free)
    for c in cs:
        v = check(c)
        print(f"{c.id}: {v.label} ({v.instances} of {v.total} markets)")
        if v.counterexample:
            cx = v.counterexample
            print(f"  first failing market (#{cx['index']}): {cx['instance']}")
            print(f"  {'violation' if 'violation' in cx else 'exception'}: "
                  f"{cx.get('violation', cx.get('exception'))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
