import union
from flytekit.image_spec import ImageSpec as Spec

A = 'single' "double" r'\raw' u"uni" b"bytes"
B = """triple
quoted""" + '''other'''
C = f"{A!r:>{10}}" f'{{literal}}' rf"{B}\d"
s = union.ImageSpec("n", "3.12", env={"K": "\x41\u00e9\U0001F600\N{BULLET}"}, commands=["a; b" "c"])
t = Spec(name=A, base_image=s.with_copy("f").force_push()).with_builder_options({"k": {"n": [1, (2,), {}]}})
