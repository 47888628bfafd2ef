#!/usr/bin/env python3
"""What writing a run's statement files costs with nothing else to do.

    statement_files_floor.py [--with-reports] RUN_OUTPUT_FOLDER NEW_FOLDER [THREADS]

Reads every file of RUN_OUTPUT_FOLDER/statements into memory, then writes them again into
NEW_FOLDER/statements (which must not exist) the way comp does: per file one open, one write, one
close, on THREADS threads (default 2, comp's cores here), each file's SHA-256 taken as the manifest
needs it. Prints the wall time and the CPU time spent in the kernel and in user space.

With --with-reports the run's other files (credits.csv, payroll.csv, the summaries…) are written
too, into NEW_FOLDER, credits.csv first as comp starts it first: the floor under all of a run's
output, not only its statements.

The result is the floor under the statements of `comp run` on this machine: however fast comp lays
a statement out, creating the files and copying their bytes into the page cache costs at least
this much. Like the benchmark, give NEW_FOLDER a new top-level folder (see docs/PERFORMANCE.md).
"""
import hashlib
import os
import sys
import threading
import time


def main():
    arguments = sys.argv[1:]
    with_reports = arguments[:1] == ["--with-reports"]
    arguments = arguments[1:] if with_reports else arguments
    if len(arguments) not in (2, 3):
        sys.exit(__doc__)
    run_output, new_folder = arguments[0], arguments[1]
    threads = int(arguments[2]) if len(arguments) == 3 else 2
    files = []
    if with_reports:
        reports = sorted(name for name in os.listdir(run_output) if os.path.isfile(os.path.join(run_output, name)))
        reports.sort(key=lambda name: name != "credits.csv")
        files += [(name, read(os.path.join(run_output, name))) for name in reports]
    source = os.path.join(run_output, "statements")
    files += [(os.path.join("statements", name), read(os.path.join(source, name))) for name in sorted(os.listdir(source))]
    total = sum(len(data) for _, data in files)
    os.makedirs(os.path.join(new_folder, "statements"))
    folder = os.open(new_folder, os.O_RDONLY | os.O_DIRECTORY)
    queue = iter(files)
    lock = threading.Lock()

    def write():
        # Each thread takes the next file when it is done with one, as comp's pieces are taken.
        while True:
            with lock:
                name, data = next(queue, (None, None))
            if name is None:
                return
            # hashlib lets go of the interpreter for data this size, os.write always does:
            # the threads' kernel work overlaps as comp's does.
            hashlib.sha256(data).digest()
            descriptor = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644, dir_fd=folder)
            os.write(descriptor, data)
            os.close(descriptor)

    before, start = os.times(), time.monotonic()
    workers = [threading.Thread(target=write) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    wall, after = time.monotonic() - start, os.times()
    print(f"{len(files)} files, {total / 1e6:.0f} MB, {threads} threads: {wall:.2f} s wall, "
          f"{after.system - before.system:.2f} s kernel, {after.user - before.user:.2f} s user")


def read(path):
    with open(path, "rb") as f:
        return f.read()


if __name__ == "__main__":
    main()
