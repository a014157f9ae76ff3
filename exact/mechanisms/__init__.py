"""Assignment mechanisms in exact arithmetic: TTC, serial dictatorship, RSD, probabilistic serial.

All take a :class:`~exact.prefs.Profile` (or a list of rankings, validated into one) and return
plain tuples; random mechanisms return the assignment matrix ``P[i][j]`` (probability, or expected
number of units, that agent ``i`` receives object ``j``) as tuples of ``fmpq``.

>>> from exact.mechanisms import probabilistic_serial
>>> [[str(x) for x in row] for row in probabilistic_serial([(0, 1), (0, 1)])]
[['1/2', '1/2'], ['1/2', '1/2']]
"""

from .properties import (blocking_coalition, core_blocking_cycle, envy_pair,
                         individually_rational, is_pareto_efficient, pareto_improvement)
from .ps import eating_schedule, probabilistic_serial
from .serial import random_serial_dictatorship, serial_dictatorship
from .ttc import attainable_houses, ttc, ttc_cycles

__all__ = ["ttc", "ttc_cycles", "attainable_houses", "serial_dictatorship",
           "random_serial_dictatorship", "probabilistic_serial", "eating_schedule",
           "individually_rational", "pareto_improvement", "is_pareto_efficient",
           "blocking_coalition", "core_blocking_cycle", "envy_pair"]
