from union import ImageSpec
from settings import *

env_image = ImageSpec.from_env(name="env", pinned_packages=["pandas"], registry=REGISTRY)
positional = ImageSpec("positional", "3.12", packages=("a",), copy=["src/", 'data/'])
derived = positional.with_packages(*EXTRA).with_builder_options(options := {"k": "v"})
