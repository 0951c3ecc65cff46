import flytekit as fk
spec = fk.ImageSpec(name="broken
other = [1, 2
