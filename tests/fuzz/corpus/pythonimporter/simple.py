from flytekit import ImageSpec, task, workflow

image = ImageSpec(registry="ghcr.io/org", name="simple", packages=["pandas"])


@task(container_image=image)
def hello(name: str) -> str:
    return f"hello {name}"


@workflow
def wf(name: str = "world") -> str:
    return hello(name=name)
