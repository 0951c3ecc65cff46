import os
import flytekit as fk
from flytekit import ImageSpec as IS, task, workflow
from flytekit.constants import CopyFileDetection

REG = "ghcr.io/org"
VERSION: str = "3.11"
PKGS = ["pandas", 'numpy==1.26.4']

base = ImageSpec(
    name="base",
    registry=REG,
    python_version=VERSION,
    packages=PKGS,
    env={"A": "1", 'B': r"\n", "C": "x\ty\u00e9"},
    source_copy_mode=CopyFileDetection.ALL,
)

gpu = base.with_apt_packages(["git"]).with_packages("torch")

final = fk.ImageSpec("final", base_image=base, registry=os.getenv("REG"), tag_format=f"{REG}-x",
                     platform=("linux/amd64"
                               ",linux/arm64"), builder_options={"a": 1, "b": [1.5e3, -2, 0x1F, 0o17, 0b1, 1_000], "c": (True, None)})

@task(container_image=IS(name="inline", packages=[p for p in PKGS]))
def t():
    pass

if os.getenv("X"):
    REG = "other"

late = ImageSpec(name="late", registry=REG, foo="x", regsitry="y", **kw)
