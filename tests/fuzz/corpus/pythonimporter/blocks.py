import flytekit as fk
from flytekit.constants import CopyFileDetection as CFD

for REG in ["a", "b"]:
    pass

class Images:
    base = fk.ImageSpec(name="base")

def make(version, *args, **kwargs):
    global NAME
    NAME = "x"
    return fk.ImageSpec(name=NAME, python_version=version)

try:
    import torch
except ImportError as error:
    torch = None
with open("f") as handle: DATA = 1
match DATA:
    case 1: KIND = "one"
spec = fk.ImageSpec(registry=REG, name=NAME, source_copy_mode=CFD.NO_COPY, copy=[*DATA], apt_packages=lambda: 0)
