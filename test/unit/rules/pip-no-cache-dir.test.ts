import assert from 'node:assert/strict';
import { findings, roundTrip } from '../../support/ruleHarness';

const lines = (text: string) => findings(text, 'pip-no-cache-dir').map((f) => f.range.start.line);

describe('pip-no-cache-dir (unit)', () => {
  it('fires on pip, pip3, pip3.12 and python -m pip install', () => {
    const text = 'FROM python:3.12-slim\nRUN pip install flask\nRUN pip3 install -r requirements.txt && /usr/local/bin/pip3.12 install x\nRUN python3 -m pip install --upgrade pip\n';
    assert.deepEqual(lines(text), [1, 2, 2, 3]);
  });

  it('is silent with --no-cache-dir, before or after install', () => {
    assert.deepEqual(lines('FROM python:3.12-slim\nRUN pip install --no-cache-dir flask && pip --no-cache-dir install x\n'), []);
  });

  it('is silent when PIP_NO_CACHE_DIR is set by ENV (also in the stage it builds on), ARG, export or for the command', () => {
    assert.deepEqual(lines('FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install flask\n'), []);
    assert.deepEqual(lines('FROM python:3.12-slim\nARG PIP_NO_CACHE_DIR=1\nRUN pip install flask\n'), []);
    assert.deepEqual(lines('FROM python:3.12-slim\nRUN export PIP_NO_CACHE_DIR=1 && pip install flask\n'), []);
    assert.deepEqual(lines('FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1 pip install flask && env PIP_NO_CACHE_DIR=1 pip install x\n'), []);
  });

  it('is silent with a cache mount at the pip cache', () => {
    assert.deepEqual(lines('FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n'), []);
  });

  it('fires on an ENV set after the RUN', () => {
    assert.deepEqual(lines('FROM python:3.12-slim\nRUN pip install flask\nENV PIP_NO_CACHE_DIR=1\n'), [1]);
  });

  it('fixes by adding --no-cache-dir after install', () => {
    assert.equal(roundTrip('FROM python:3.12-slim\nRUN python -m pip install -r requirements.txt\n', 'pip-no-cache-dir'), 'FROM python:3.12-slim\nRUN python -m pip install --no-cache-dir -r requirements.txt\n');
  });
});
