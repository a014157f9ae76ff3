"""Theorem 1 by SAT at one size: ``python examples/housing_theorem_1.py N M [--no-drat]``.

Enumerates every category-wise neutral, strategy-proof, nonbossy mechanism and prints how many
there are, whether they are exactly the (n!)^m MCSDs, and how the final UNSAT step is certified.
"""

import sys

from proofs.housing.theorem1 import theorem_1_certificate

if __name__ == "__main__":
    n, m = int(sys.argv[1]), int(sys.argv[2])
    cert = theorem_1_certificate(n, m, drat="--no-drat" not in sys.argv)
    print(f"(n, m) = ({n}, {m}): {cert['cnf']['variables']} variables, "
          f"{cert['cnf']['clauses']} clauses over {cert['cnf']['neutral_orbits']} orbits")
    print(f"solutions: {cert['solution_count']} (MCSDs: {cert['mcsd_count']}); all MCSD: "
          f"{cert['all_are_mcsd']}; every MCSD found: {cert['every_mcsd_found']}")
    fs = cert["final_step"]
    print("final UNSAT step checked by:", fs["checked_by"],
          f"({fs['proof_lemmas']} lemmas)" if "proof_lemmas" in fs else "")
    print("milliseconds:", cert["milliseconds"])
