#!/usr/bin/env python3
"""What writing a run's statement files costs with nothing else to do.

    statement_files_floor.py RUN_OUTPUT_FOLDER NEW_FOLDER [THREADS]

Reads every file of RUN_OUTPUT_FOLDER/statements into memory, then writes them again into
NEW_FOLDER/statements (which must not exist) the way comp does: per file one open, one write, one
close, on THREADS threads (default 2, comp's cores here), each file's SHA-256 taken as the manifest
needs it. Prints the wall time and the CPU time spent in the kernel and in user space.

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
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    source = os.path.join(sys.argv[1], "statements")
    target = os.path.join(sys.argv[2], "statements")
    threads = int(sys.argv[3]) if len(sys.argv) == 4 else 2
    names = sorted(os.listdir(source))
    files = []
    for name in names:
        with open(os.path.join(source, name), "rb") as f:
            files.append((name, f.read()))
    total = sum(len(data) for _, data in files)
    os.makedirs(target)
    folder = os.open(target, os.O_RDONLY | os.O_DIRECTORY)

    def write(share):
        for name, data in share:
            # hashlib lets go of the interpreter for data this size, os.write always does:
            # the threads' kernel work overlaps as comp's does.
            hashlib.sha256(data).digest()
            descriptor = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644, dir_fd=folder)
            os.write(descriptor, data)
            os.close(descriptor)

    before, start = os.times(), time.monotonic()
    workers = [threading.Thread(target=write, args=(files[i::threads],)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    wall, after = time.monotonic() - start, os.times()
    print(f"{len(files)} files, {total / 1e6:.0f} MB, {threads} threads: {wall:.2f} s wall, "
          f"{after.system - before.system:.2f} s kernel, {after.user - before.user:.2f} s user")


if __name__ == "__main__":
    main()
