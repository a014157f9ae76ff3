"""B. Calagua, "Reducing incentive constraints in bidimensional screening", J. Mechanism and Institution Design (paper key ``screening``)."""
