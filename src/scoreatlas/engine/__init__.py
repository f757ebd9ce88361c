"""Running a build: the stage functions, and the executors that run them here, in a process pool or on Dask."""

from scoreatlas.engine.driver import SourceRun
from scoreatlas.engine.stages import StageConfig, read_input

__all__ = ["SourceRun", "StageConfig", "read_input"]
