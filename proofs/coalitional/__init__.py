"""H. Guo and N. C. Yannelis, "Robust Coalitional Implementation" (October 2020): belief-free (every type space, every belief-revising rule) implementation with coalition patterns."""
