"""A TCP forwarder that can be switched on later, and cut: PostgreSQL or Kafka coming up, or going away."""

from __future__ import annotations

import asyncio
import contextlib


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError, asyncio.CancelledError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    writer.close()


class Forwarder:
    def __init__(self, listen_port: int, target_port: int) -> None:
        self.listen_port = listen_port
        self.target_port = target_port
        self._server: asyncio.Server | None = None
        self._open: set[asyncio.StreamWriter] = set()

    async def _connect(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.transport.abort()
            return
        self._open |= {writer, upstream_writer}
        try:
            await asyncio.gather(_pipe(reader, upstream_writer), _pipe(upstream_reader, writer))
        finally:
            self._open -= {writer, upstream_writer}

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._connect, "127.0.0.1", self.listen_port)

    async def stop(self) -> None:
        """Refuse new connections; the open ones carry on."""
        if self._server is not None:
            self._server.close()
            self._server = None

    async def cut(self) -> None:
        """Refuse new connections and reset every open one, as a crashed server would."""
        await self.stop()
        for writer in list(self._open):
            writer.transport.abort()
        self._open.clear()
