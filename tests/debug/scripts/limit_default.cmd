# args: forever.s
# status: 1
# A program that never stops, with the default step limit (100M, as for
# trapvm run): continue ends there and says how to raise or lift it.
continue
continue
info steps
