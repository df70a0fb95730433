"""``textgym serve ENV_OR_SPEC``: an OpenEnv environment server (``pip install "textgym[openenv]"``).

Every WebSocket session of OpenEnv's client is its own seeded episode of ``ENV_OR_SPEC`` (a
registered id or a YAML path) with the chosen axis variants and role backends; observations carry
the messages with their source, the hidden labels are only in the session state
(:mod:`textgym.integrations.openenv`). It listens on ``127.0.0.1`` unless ``--host`` says
otherwise.

Example:
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="textgym"); register(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["serve", "textgym/Sycophancy-v0", "--axis", "cues=belief", "--port", "8123"])
    >>> args.env, args.axis, args.host, args.port, args.max_sessions
    ('textgym/Sycophancy-v0', ['cues=belief'], '127.0.0.1', 8123, 256)
"""

from __future__ import annotations

import argparse

from textgym.cli.common import CLIError, add_env_arguments, pairs


def cmd_serve(args: argparse.Namespace) -> int:
    from textgym.bench.extras import MissingExtra

    axes, backends = pairs(args.axis, "axis"), pairs(args.backend, "backend")
    try:
        from textgym.integrations.openenv import make_app

        app = make_app(args.env, axes, backends, max_sessions=args.max_sessions)
    except MissingExtra as missing:
        raise CLIError(f"textgym serve {missing}") from None
    except (KeyError, ValueError) as error:
        raise CLIError(str(error).strip("'\"")) from None
    import uvicorn

    print(f"textgym serve: {args.env} on http://{args.host}:{args.port} (OpenEnv; WebSocket sessions at /ws)", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``serve`` to the CLI's subcommands."""
    p = sub.add_parser("serve", help="serve an environment over OpenEnv's HTTP/WebSocket protocol (needs textgym[openenv])")
    add_env_arguments(p, backend_example="rater=openai:http://127.0.0.1:8000")
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--max-sessions", type=int, default=256, help="concurrent sessions (episodes) at most")
    p.add_argument("--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(fn=cmd_serve)
