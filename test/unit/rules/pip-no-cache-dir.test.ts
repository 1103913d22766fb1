import { ruleTester } from '../../support/ruleTester';

ruleTester.run('pip-no-cache-dir', {
  valid: [
    {
      name: 'with --no-cache-dir, before or after install',
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask && pip --no-cache-dir install x\n',
    },
    {
      name: 'PIP_NO_CACHE_DIR set by ENV in the stage it builds on',
      code: 'FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install flask\n',
    },
    {
      name: 'PIP_NO_CACHE_DIR set by ARG',
      code: 'FROM python:3.12-slim\nARG PIP_NO_CACHE_DIR=1\nRUN pip install flask\n',
    },
    {
      name: 'PIP_NO_CACHE_DIR set by export',
      code: 'FROM python:3.12-slim\nRUN export PIP_NO_CACHE_DIR=1 && pip install flask\n',
    },
    {
      name: 'PIP_NO_CACHE_DIR set for the command',
      code: 'FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1 pip install flask && env PIP_NO_CACHE_DIR=1 pip install x\n',
    },
    {
      name: 'a cache mount at the pip cache',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
    },
    {
      name: 'a tmpfs mount at the pip cache: it keeps the cache out of the layer as a cache mount does',
      code: 'FROM python:3.12-slim\nRUN --mount=type=tmpfs,target=/root/.cache pip install flask\n',
    },
    {
      name: 'a stage whose layers never reach the image, only copied from',
      code: 'FROM python:3.12 AS build\nRUN pip install -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /app /app\n',
    },
  ],
  invalid: [
    {
      name: 'a stage the final stage is built FROM, and a stage named as the build target',
      code: 'FROM python:3.12 AS deps\nRUN pip install flask\nFROM deps AS build\nRUN pip install x\nFROM deps\n',
      options: { target: 'build' },
      lines: [2, 4],
    },
    {
      name: 'PIP_NO_CACHE_DIR set to a false value keeps the cache, as hadolint reads it',
      code: 'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=0\nRUN pip install x\nRUN PIP_NO_CACHE_DIR=false pip install y\nRUN export PIP_NO_CACHE_DIR=off && pip install z\n',
      lines: [3, 4, 5],
    },
    {
      name: 'one finding with both ways out: --no-cache-dir (safe) or a cache mount',
      code: 'FROM python:3.12-slim\nRUN pip install flask\n',
      message:
        'pip install keeps its download cache in the layer: add --no-cache-dir, or mount a cache at /root/.cache/pip to keep it between builds.',
      fixes: ['Add --no-cache-dir', 'Add a cache mount for pip'],
      fix: 'cache mount',
      safe: false,
      output:
        '# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip \\\n    pip install flask\n',
    },
    {
      name: 'pip, pip3, pip3.12 and python -m pip install',
      code: 'FROM python:3.12-slim\nRUN pip install flask\nRUN pip3 install -r requirements.txt && /usr/local/bin/pip3.12 install x\nRUN python3 -m pip install --upgrade pip\n',
      lines: [2, 3, 3, 4],
    },
    {
      name: 'an ENV set after the RUN',
      code: 'FROM python:3.12-slim\nRUN pip install flask\nENV PIP_NO_CACHE_DIR=1\n',
      lines: [2],
    },
    {
      name: 'fixes by adding --no-cache-dir after install',
      code: 'FROM python:3.12-slim\nRUN python -m pip install -r requirements.txt\n',
      output: 'FROM python:3.12-slim\nRUN python -m pip install --no-cache-dir -r requirements.txt\n',
    },
  ],
});
