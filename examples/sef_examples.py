"""Print every worked example of the sef paper (recomputed exactly)."""

from exact.report import all_examples

for name, (fn, title, source) in all_examples().items():
    if name.startswith("sef/"):
        print(fn().render("text"))
