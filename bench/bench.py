#!/usr/bin/env python3
"""portside's benchmark: every scenario next to a reference measured in the same run.

Builds the jar and the reference app, starts portside against the configured PostgreSQL and Redis
(DATASOURCES_DEFAULT_URL, REDIS_URI; without them the embedded PostgreSQL and a local Redis on
127.0.0.1:6379), runs each scenario with warm-up under wrk, with authentication off and on, and
prints a table of throughput, p50, p99 and the ratio to the scenario's reference. The table is also
written to bench/results/ as JSON and Markdown. See bench/README.md.

Only the Python standard library: the load comes from wrk, pgbench and redis-benchmark.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, "target")
RESULTS = os.path.join(HERE, "results")
JAR = os.path.join(ROOT, "bootstrap", "target", "portside.jar")
# the scenarios api_scenarios() measures on one instance (the list scenario's name ends with its size)
API_SCENARIOS = ("GUID cache hit, Redis configured", "GUID cache miss (unknown GUID, 404)", "POST /guid",
                 "POST /users with groups", "GET /users/{id}", "PUT /groups/{name}, 100 members", "POST /api/tasks",
                 "GET /api/tasks, page of 100 over", "claim, 8 claimers, limit 10",
                 "claim -> complete, 8 workers, limit 10")
REFERENCE_JAR = os.path.join(HERE, "reference", "target", "reference.jar")
PERSISTENCE = os.path.join(ROOT, "adapters-persistence", "src", "main", "java", "org", "portside", "persistence")
WARMUP_ROUNDS = 12  # at most, of --warmup seconds each, before a scenario is measured
SETTLED = 0.05  # warm-up ends when a round's rate is within 5 % of the round before ...
JIT_QUIET = 0.02  # ... and the JIT compiled for at most 2 % of the round's time (jstat -compiler)
MIN_WARMUP_ROUNDS = 3  # at least: two rounds can agree by chance while the rate still creeps up
SECRET = "bench-secret-" + "0123456789abcdef0123456789abcdef"
PORTSIDE_PORT = 8181
REFERENCE_PORT = 8190


def log(message):
    print("[bench] " + message, flush=True)


# ---------------------------------------------------------------------------------------------
# processes


class Service:
    """A JVM started for the run, its log in bench/target, stopped at the end whatever happens."""

    def __init__(self, name, command, env, port):
        self.name = name
        self.port = port
        self.log_path = os.path.join(WORK, name + ".log")
        self.log_file = open(self.log_path, "w")
        self.process = subprocess.Popen(command, env=env, stdout=self.log_file, stderr=subprocess.STDOUT,
                                        cwd=WORK, start_new_session=True)

    def wait_until_up(self, path, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited while starting; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=2) as answer:
                    if answer.status < 500:
                        return
            except urllib.error.HTTPError as e:
                if e.code < 500:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"{self.name} did not answer within {timeout} s; see {self.log_path}")

    def rss_mb(self):
        try:
            with open(f"/proc/{self.process.pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def compile_seconds(self):
        """The JIT's compile time so far (jstat -compiler, a JDK tool), None where it cannot tell."""
        try:
            lines = subprocess.run(["jstat", "-compiler", str(self.process.pid)], capture_output=True, text=True,
                                   timeout=20).stdout.splitlines()
            header, row = lines[0].split(), lines[1].split()
            return float(row[header.index("Time")])
        except (OSError, subprocess.SubprocessError, ValueError, IndexError):
            return None

    def log_text(self):
        with open(self.log_path) as f:
            return f.read()

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log_file.close()


def free(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


# ---------------------------------------------------------------------------------------------
# HTTP set-up calls (not measured)


def call(method, path, body=None, token=None, expect=(200, 201, 204)):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{PORTSIDE_PORT}{path}", data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            status, text = answer.status, answer.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode()
    if status not in expect:
        raise SystemExit(f"set-up call {method} {path} answered {status}: {text[:300]}")
    return text


# ---------------------------------------------------------------------------------------------
# wrk

WRK_LUA = r"""
-- generated by bench/bench.py. Requests come from templates; a template without placeholders is
-- formatted once, so wrk's own cost per request stays small. Statuses are counted (a Lua response
-- callback, which costs wrk time) only where a scenario expects something else than 2xx.
templates = {}
local threads = {}
counter = 0
thread_id = 0
handed = 0
statuses = {}
ids = {}
pending = {}
completed = 0

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

local function fill(s)
  s = s:gsub("{n}", tostring(counter))
  s = s:gsub("{t}", tostring(thread_id))
  return s
end

local function dynamic(r)
  return (r.path .. (r.body or "")):find("{[nt]}") ~= nil
end

function init(args)
  dofile(args[1])
  prepared = {}
  for i, r in ipairs(templates) do
    if not dynamic(r) then prepared[i] = wrk.format(r.method, r.path, r.headers, r.body) end
  end
  if cycle then
    -- the worker protocol: every task a claim hands out is completed with its lease by the next
    -- request of this thread, before it claims again
    response = function(status, headers, body)
      statuses[status] = (statuses[status] or 0) + 1
      if status == 200 then
        if body:sub(1, 1) == "[" then
          for id, token in body:gmatch('"id":"([^"]+)".-"token":"([0-9a-f]+)"') do
            ids[id] = (ids[id] or 0) + 1
            handed = handed + 1
            table.insert(pending, {id, token})
          end
        elseif body:find('"status":"SUCCEEDED"', 1, true) then
          completed = completed + 1
        end
      end
    end
  elseif count_ids or track_statuses then
    response = function(status, headers, body)
      statuses[status] = (statuses[status] or 0) + 1
      if count_ids and status == 200 then
        for id in body:gmatch('"id":"([^"]+)"') do
          ids[id] = (ids[id] or 0) + 1
          handed = handed + 1
        end
      end
    end
  end
end

function request()
  if cycle and #pending > 0 then
    local task = table.remove(pending)
    return wrk.format("POST", "/api/tasks/" .. task[1] .. "/complete", templates[1].headers, '{"lease":"' .. task[2] .. '"}')
  end
  counter = counter + 1
  local i = (counter % #templates) + 1
  local p = prepared[i]
  if p then return p end
  local r = templates[i]
  return wrk.format(r.method, fill(r.path), r.headers, r.body and fill(r.body) or nil)
end

function done(summary, latency, requests)
  local counts = {}
  local total_handed = 0
  local total_completed = 0
  local tracked = 0
  local seen = {}
  local duplicates = 0
  for _, thread in ipairs(threads) do
    for id, n in pairs(thread:get("ids")) do
      duplicates = duplicates + n - 1 + (seen[id] and 1 or 0)
      seen[id] = true
    end
    for status, n in pairs(thread:get("statuses")) do
      counts[tostring(status)] = (counts[tostring(status)] or 0) + n
      tracked = tracked + n
    end
    total_handed = total_handed + (thread:get("handed") or 0)
    total_completed = total_completed + (thread:get("completed") or 0)
  end
  if tracked == 0 then
    -- not tracked one by one: wrk counts the answers that are not 2xx or 3xx
    counts["2xx"] = summary.requests - summary.errors.status
    if summary.errors.status > 0 then counts["not 2xx"] = summary.errors.status end
  end
  local parts = {}
  for status, n in pairs(counts) do table.insert(parts, string.format('"%s": %d', status, n)) end
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "socket_errors": %d, '
      .. '"handed": %d, "completed": %d, "duplicates": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    total_handed, total_completed, duplicates, table.concat(parts, ", ")))
end
"""


def lua_string(s):
    return "[==[" + s + "]==]"


def wrk(name, templates, connections, seconds, token=None, count_ids=False, port=None, track_statuses=False, cycle=False):
    """Runs wrk on the templates; returns its numbers. {n} (a counter) and {t} (the wrk thread) in paths
    and bodies vary per request, {run} per invocation."""
    script = os.path.join(WORK, "lua", "load.lua")
    spec = os.path.join(WORK, "lua", name + ".lua")
    os.makedirs(os.path.dirname(script), exist_ok=True)
    with open(script, "w") as f:
        f.write(WRK_LUA)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    lines = []
    for method, path, body in templates:
        header_lua = "{" + ", ".join(f'[ {lua_string(k)} ] = {lua_string(v)}' for k, v in headers.items()) + "}"
        body_lua = "nil" if body is None else lua_string(body)
        lines.append(f"table.insert(templates, {{method = {lua_string(method)}, path = {lua_string(path)}, "
                     f"headers = {header_lua}, body = {body_lua}}})")
    if count_ids:
        lines.append("count_ids = true")
    if track_statuses:
        lines.append("track_statuses = true")
    if cycle:
        lines.append("cycle = true")
    with open(spec, "w") as f:
        # {run} differs per wrk invocation, so warm-up and measurement never create the same ids
        f.write("\n".join(lines).replace("{run}", uuid.uuid4().hex[:8]) + "\n")
    threads = min(2, connections)
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
               "-s", script, f"http://127.0.0.1:{port or PORTSIDE_PORT}", "--", spec]
    ran = subprocess.run(command, capture_output=True, text=True)
    if ran.returncode != 0:
        raise SystemExit(f"wrk failed for {name}:\n{ran.stdout}\n{ran.stderr}")
    out = ran.stdout
    match = re.search(r"BENCH_JSON (\{.*\})", out)
    if not match:
        raise SystemExit(f"wrk printed no result for {name}:\n{out}")
    numbers = json.loads(match.group(1))
    seconds_measured = numbers["duration_us"] / 1e6
    numbers["rate"] = numbers["requests"] / seconds_measured
    numbers["p50_ms"] = numbers["p50_us"] / 1000
    numbers["p99_ms"] = numbers["p99_us"] / 1000
    numbers["handed_rate"] = numbers["handed"] / seconds_measured
    numbers["completed_rate"] = numbers["completed"] / seconds_measured
    return numbers


# ---------------------------------------------------------------------------------------------
# references


def pgbench(db, script_text, clients, seconds, name):
    path = os.path.join(WORK, name + ".sql")
    with open(path, "w") as f:
        f.write(script_text)
    command = ["pgbench", "-h", db["host"], "-p", str(db["port"]), "-U", db["user"], "-n", "-M", "prepared",
               "-c", str(clients), "-j", str(min(2, clients)), "-T", str(seconds), "-f", path, db["name"]]
    env = dict(os.environ, PGPASSWORD=db["password"])
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout
    tps = float(re.search(r"tps = ([0-9.]+)", out).group(1))
    latency = re.search(r"latency average = ([0-9.]+) ms", out)
    return {"rate": tps, "p50_ms": float(latency.group(1)) if latency else None, "p99_ms": None}


def redis_get(uri, clients, requests):
    host, port = redis_host_port(uri)
    subprocess.run(["redis-cli", "-h", host, "-p", str(port), "SET", "bench:ref", "x" * 48],
                   capture_output=True, check=True)
    out = subprocess.run(["redis-benchmark", "-h", host, "-p", str(port), "-c", str(clients), "-n", str(requests),
                          "-t", "get", "--csv"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        cells = [c.strip('"') for c in line.split(",")]
        if cells and cells[0] == "GET":
            return {"rate": float(cells[1]), "p50_ms": float(cells[5]) if len(cells) > 5 else None,
                    "p99_ms": float(cells[7]) if len(cells) > 7 else None}
    raise SystemExit("redis-benchmark printed no GET line:\n" + out)


def redis_host_port(uri):
    match = re.match(r"redis://(?:[^@]*@)?([^:/]+)(?::(\d+))?", uri)
    return match.group(1), int(match.group(2) or 6379)


def psql(db, sql):
    env = dict(os.environ, PGPASSWORD=db["password"])
    ran = subprocess.run(["psql", "-h", db["host"], "-p", str(db["port"]), "-U", db["user"], "-d", db["name"],
                          "-v", "ON_ERROR_STOP=1", "-qAtc", sql], capture_output=True, text=True, env=env)
    if ran.returncode != 0:
        raise SystemExit(f"psql failed: {sql[:200]}\n{ran.stderr}")
    return ran.stdout.strip()


def java_sql(source, constant):
    """A statement as portside's source spells it (a Java string constant: concatenated literals and
    other constants of the same file, or a text block), so that pgbench runs the very SQL the service
    runs, not a copy that could drift."""
    with open(os.path.join(PERSISTENCE, source)) as f:
        text = f.read()
    match = re.search(r"static final String " + constant + r"\s*=\s*(.*?);\n", text, re.S)
    if not match:
        raise SystemExit(f"no SQL constant {constant} in {source}")
    value = match.group(1)
    block = re.search(r'"""\n(.*?)"""', value, re.S)
    if block:
        body = block.group(1)
    else:
        body = "".join(literal if literal or not name else java_sql(source, name)
                       for literal, name in re.findall(r'"((?:[^"\\]|\\.)*)"|\b([A-Z][A-Z_]*)\b', value))
    return " ".join(body.split())


def bind(sql, *values):
    """The statement with its JDBC placeholders replaced, in order, by pgbench expressions."""
    parts = sql.split("?")
    if len(parts) != len(values) + 1:
        raise SystemExit(f"{len(parts) - 1} placeholders, {len(values)} values: {sql}")
    return parts[0] + "".join(v + rest for v, rest in zip(values, parts[1:]))


def bound(*rates):
    """The most a request can reach whose parts (one HTTP exchange, one statement, a Redis GET) share
    the machine's cores, when each part costs what its own benchmark measures and nothing else is
    done: the parts' times per request add up, 1 / (1/a + 1/b + ...)."""
    return 1 / sum(1 / r for r in rates) if rates and all(rates) else None


# ---------------------------------------------------------------------------------------------
# the run


def parse_jdbc(url, user, password):
    match = re.match(r"jdbc:postgresql://([^:/]+)(?::(\d+))?/([^?]+)", url)
    if not match:
        raise SystemExit("cannot read host, port and database from " + url)
    return {"host": match.group(1), "port": int(match.group(2) or 5432), "name": match.group(3),
            "user": user, "password": password}


class Run:

    def __init__(self, args):
        self.args = args
        self.rows = []
        self.db = None
        self.redis = os.environ.get("REDIS_URI") or "redis://127.0.0.1:6379"
        self.redis_up = self.redis_answers()
        self.warm = args.warmup
        self.autovacuum = "unknown"
        self.seconds = args.duration
        self.tasks_in_list = args.tasks
        self.service = None
        self.reference_service = None
        self.reference_paths = []

    def redis_answers(self):
        host, port = redis_host_port(self.redis)
        try:
            out = subprocess.run(["redis-cli", "-h", host, "-p", str(port), "PING"], capture_output=True,
                                 text=True, timeout=5).stdout
            return "PONG" in out
        except (OSError, subprocess.TimeoutExpired):
            return False

    # -- portside instances ------------------------------------------------------------------

    def start_portside(self, redis, auth, access_log=True):
        env = dict(os.environ)
        for key in ("REDIS_URI", "PORTSIDE_AUTH_JWT_SECRET", "PORTSIDE_AUTH_MODE", "MICRONAUT_SERVER_HOST"):
            env.pop(key, None)
        env["MICRONAUT_SERVER_PORT"] = str(PORTSIDE_PORT)
        if not access_log:
            env["MICRONAUT_SERVER_NETTY_ACCESS_LOGGER_ENABLED"] = "false"
        if redis:
            env["REDIS_URI"] = self.redis
            env["PORTSIDE_CACHE_REDIS_KEY_PREFIX"] = f"bench-{uuid.uuid4().hex[:8]}:"
        if auth:
            env["PORTSIDE_AUTH_JWT_SECRET"] = SECRET
        if self.db_url:
            env["DATASOURCES_DEFAULT_URL"] = self.db_url
        else:
            env["PORTSIDE_DATABASE_EMBEDDED_DATA_DIR"] = os.path.join(WORK, "pgdata")
        if not free(PORTSIDE_PORT):
            raise SystemExit(f"port {PORTSIDE_PORT} is taken")
        # the README's run command, as is: java -jar portside.jar (no JVM flags)
        self.service = Service("portside", ["java", "-jar", JAR], env, PORTSIDE_PORT)
        self.service.wait_until_up("/health/liveness")
        self.db = self.database_of(self.service)  # the embedded one listens on a new port each start
        self.autovacuum = psql(self.db, "SHOW autovacuum")
        self.token = None
        if auth:
            self.token = subprocess.run(["java", "-jar", JAR, "token", "--scope", "admin", "--ttl", "2h"],
                                        env=env, capture_output=True, text=True, check=True).stdout.strip()
        return self.service

    def database_of(self, service):
        if self.db_url:
            return parse_jdbc(self.db_url, os.environ.get("DATASOURCES_DEFAULT_USERNAME", "postgres"),
                              os.environ.get("DATASOURCES_DEFAULT_PASSWORD", ""))
        match = re.search(r"embedded PostgreSQL \(data in .*?, port (\d+)\)", service.log_text())
        if not match:
            raise SystemExit(f"the start-up log names no embedded PostgreSQL port; see {service.log_path}")
        port = int(match.group(1))
        return {"host": "127.0.0.1", "port": port, "name": "postgres", "user": "postgres", "password": ""}

    def stop_portside(self):
        if self.service:
            self.service.stop()
            self.service = None

    # -- measuring ---------------------------------------------------------------------------

    def selected(self, *scenarios):
        """Whether --only leaves any of these scenarios to run (so that an instance is started, and
        warmed up, only for scenarios that will be measured)."""
        return not self.args.only or any(o.lower() in s.lower() for s in scenarios for o in self.args.only)

    def measure(self, scenario, auth, templates, connections, reference, target=None, expect=("200",),
                count_ids=False, rate_of="requests", unit="req/s", note="", after_warmup=None, cycle=False,
                before_round=None, own_sql=None, own_redis_get=False):
        if not self.selected(scenario):
            return {}
        log(f"{scenario} (auth {'on' if auth else 'off'}), {connections} connections")
        # what autovacuum's analyze does in production (these machines run with it off): statistics for
        # the tables as the scenarios before left them, and with them the end of every plan PostgreSQL
        # cached while a table was nearly empty (before portside planned its member check on every call,
        # PUT /groups ran at 4 req/s after the users scenarios without it: that check kept the generic plan
        # made during the warm-up, a sequential scan, then over 380,000 users)
        psql(self.db, "ANALYZE")
        track = any(not e.startswith("2") for e in expect)
        # warm-up rounds until the rate settles and the JIT is quiet: on a slow machine C2 still
        # compiles the JDBC driver's and the worker protocol's hot methods two minutes into a run, and
        # a round that ends early would measure the compiler, not the code
        previous = None
        rounds, compiling = 0, None
        for _ in range(1 if self.args.smoke else WARMUP_ROUNDS):
            if before_round:
                before_round(self.warm)
            compiled_before = self.service.compile_seconds()
            warm = wrk(scenario.replace(" ", "_").replace("/", "_"), templates, connections, self.warm, self.token,
                       count_ids=count_ids, track_statuses=track, cycle=cycle)["rate"]
            compiled_after = self.service.compile_seconds()
            rounds += 1
            compiling = (None if compiled_before is None or compiled_after is None
                         else (compiled_after - compiled_before) / self.warm)
            quiet = compiling is None and rounds >= 2 or compiling is not None and compiling <= JIT_QUIET
            log(f"  warm-up round {rounds}: {warm:,.0f} requests/s"
                + ("" if compiling is None else f", the JIT compiling {compiling:.0%} of it"))
            if rounds >= MIN_WARMUP_ROUNDS and previous and abs(warm - previous) <= SETTLED * previous and quiet:
                break
            if compiling is None and rounds >= 4:
                break  # without jstat: at most four rounds, as before
            previous = warm
        if before_round:
            before_round(self.seconds)
        if after_warmup:
            after_warmup()
        bracketed = reference == "trivial endpoint" and self.reference_service is not None
        if bracketed:
            before = wrk("reference", self.reference_paths, 64, self.seconds, port=REFERENCE_PORT)["rate"]
        samples = []
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                rss = self.service.rss_mb()
                if rss:
                    samples.append(rss)
                stop.wait(0.5)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        numbers = wrk(scenario.replace(" ", "_").replace("/", "_"), templates, connections, self.seconds,
                      self.token, count_ids=count_ids, track_statuses=track, cycle=cycle)
        stop.set()
        sampler.join()
        if bracketed:
            after = wrk("reference", self.reference_paths, 64, self.seconds, port=REFERENCE_PORT)["rate"]
        unexpected = {s: n for s, n in numbers["statuses"].items() if s not in expect and s != "2xx"}
        rate = {"handed": numbers["handed_rate"], "completed": numbers["completed_rate"]}.get(rate_of, numbers["rate"])
        row = {
            "scenario": scenario, "auth": "on" if auth else "off", "connections": connections,
            "rate": rate, "unit": unit, "p50_ms": numbers["p50_ms"], "p99_ms": numbers["p99_ms"],
            "requests": numbers["requests"], "statuses": numbers["statuses"], "unexpected": unexpected,
            "socket_errors": numbers["socket_errors"], "rss_mb": max(samples) if samples else None,
            "reference": reference, "target": target, "note": note, "handed": numbers["handed"],
            "completed": numbers["completed"], "duplicates": numbers["duplicates"],
            "warmup_s": rounds * self.warm, "warmup_jit_share": compiling,
        }
        if reference:
            ref_rate = (before + after) / 2 if bracketed else self.references[reference]["rate"]
            if bracketed:
                row["reference_before"], row["reference_after"] = before, after
            row["reference_rate"] = ref_rate
            row["ratio"] = rate / ref_rate if ref_rate else None
        if own_sql and self.reference_service is not None:
            # the bound: how far the ratio could go on this machine, from the scenario's own statement
            # run by pgbench and the trivial endpoint, both at the scenario's connection count, right now
            row["trivial_rate"] = wrk("reference", self.reference_paths, connections, self.seconds,
                                      port=REFERENCE_PORT)["rate"]
            row["own_sql_rate"] = pgbench(self.db, own_sql, connections, self.seconds,
                                          "own-" + re.sub(r"[^a-z]+", "-", scenario.lower()).strip("-"))["rate"]
            parts = [row["trivial_rate"], row["own_sql_rate"]]
            if own_redis_get and self.redis_cache:
                # a request that also asks Redis (a miss of the near cache): one GET more, at the same count
                row["redis_get_rate"] = redis_get(self.redis, connections, max(20000, int(40000 * self.seconds)))["rate"]
                parts.append(row["redis_get_rate"])
            row["bound_rate"] = bound(*parts)
            if row.get("reference_rate") and row["bound_rate"]:
                row["bound_ratio"] = row["bound_rate"] / row["reference_rate"]
        self.rows.append(row)
        if unexpected or numbers["socket_errors"]:
            log(f"  unexpected answers {unexpected}, socket errors {numbers['socket_errors']}")
        return row

    # -- references ------------------------------------------------------------------------

    def measure_references(self):
        refs = {}
        log("reference: trivial Micronaut endpoint, 64 connections")
        # it keeps running (idle) for the whole run: the scenarios compared with it measure it again
        # right before and after themselves (see measure), since on these shared machines the speed
        # drifts by half within minutes and a figure from the start of the run would decide the ratio
        self.reference_service = Service("reference", ["java", "-jar", REFERENCE_JAR], dict(os.environ,
                                         MICRONAUT_SERVER_PORT=str(REFERENCE_PORT)), REFERENCE_PORT)
        self.reference_service.wait_until_up("/ping/X")
        self.reference_paths = [("GET", "/ping/" + uuid.uuid4().hex.upper(), None) for _ in range(1000)]
        wrk("reference", self.reference_paths, 64, self.args.jvm_warmup, port=REFERENCE_PORT)  # a fresh JVM
        refs["trivial endpoint"] = wrk("reference", self.reference_paths, 64, self.seconds, port=REFERENCE_PORT)
        psql(self.db, "DROP TABLE IF EXISTS bench_ref; "
                      "CREATE TABLE bench_ref (id bigserial PRIMARY KEY, first_name text, last_name text)")
        log("reference: pgbench one-row INSERT, 16 clients")
        refs["pgbench INSERT"] = pgbench(self.db, "INSERT INTO bench_ref (first_name, last_name) VALUES ('Joe', 'Smith');\n",
                                         16, self.seconds, "insert")
        count = int(psql(self.db, "SELECT count(*) FROM bench_ref"))
        log("reference: pgbench PK SELECT, 16 clients")
        refs["pgbench PK SELECT"] = pgbench(self.db, f"\\set id random(1, {max(count, 1)})\n"
                                            "SELECT * FROM bench_ref WHERE id = :id;\n", 16, self.seconds, "select")
        if self.redis_up:
            log("reference: redis-benchmark GET, 64 clients")
            refs["redis-benchmark GET"] = redis_get(self.redis, 64, max(20000, int(60000 * self.seconds)))
        psql(self.db, "DROP TABLE IF EXISTS bench_ref")
        return refs

    # -- scenarios -------------------------------------------------------------------------

    def guid_hit(self, auth, label, target):
        if not self.selected(label):
            return
        count = 200 if self.args.smoke else 1000
        guids = [uuid.uuid4().hex.upper() for _ in range(count)]
        for g in guids:
            call("POST", "/guid/" + g, {"user": "bench"}, self.token)
        for g in guids:
            call("GET", "/guid/" + g, None, self.token)
        self.measure(label, auth, [("GET", "/guid/" + g, None) for g in guids], 64, "trivial endpoint", target)

    def warm_jvm(self):
        """A fresh JVM on two cores needs a minute or more of traffic before C2 has compiled the hot
        paths: every instance first serves a mix of the scenarios' requests, unmeasured."""
        t = self.token
        g = uuid.uuid4().hex.upper()
        call("POST", "/guid/" + g, {"user": "warm"}, t)
        call("POST", "/users", {"first_name": "W", "last_name": "U", "userid": "warm-" + g[:8], "groups": ["w"]}, t)
        mix = [("GET", "/guid/" + g, None), ("GET", "/users/warm-" + g[:8], None),
               ("GET", "/guid/" + uuid.uuid4().hex.upper(), None),
               ("POST", "/users", '{"first_name": "W", "last_name": "U", "userid": "w{run}-{t}-{n}", "groups": ["w"]}'),
               ("POST", "/guid", '{"user": "warm"}'),
               ("POST", "/api/tasks", '{"start": "2099-01-01T09:00:00Z", "worker": "warm", "payload": {"n": 1}}'),
               ("GET", "/api/tasks?worker=list-1&limit=100", None),
               ("POST", "/api/tasks/claim", '{"worker": "nobody", "limit": 10}'),
               ("PUT", "/groups/w", '["warm-' + g[:8] + '"]')]
        log(f"warming the JVM up for {self.args.jvm_warmup} s")
        wrk("warm", mix, 16, self.args.jvm_warmup, t)

    def api_scenarios(self, auth):
        t = self.token
        self.warm_jvm()
        # the GUID registry
        if self.redis_cache:
            self.guid_hit(auth, "GUID cache hit, Redis configured", 0.8)
        unknown = [("GET", "/guid/" + uuid.uuid4().hex.upper(), None) for _ in range(1000)]
        self.measure("GUID cache miss (unknown GUID, 404)", auth, unknown, 16,
                     "pgbench PK SELECT", 0.5, expect=("404",), own_redis_get=True,
                     # a varchar, as the JDBC driver binds a string (text would not use the char(32) key)
                     own_sql="\\set i random(1, 2000000000)\n" + bind(java_sql("guids/JdbcGuidStore.java", "FIND"),
                                                                      "CAST(upper(md5(:i::text)) AS varchar)") + ";\n")
        self.measure("POST /guid", auth, [("POST", "/guid", '{"user": "bench {t}-{n}"}')], 16, "pgbench INSERT",
                     expect=("201",))
        # users and groups
        run_id = uuid.uuid4().hex[:6]
        groups = "ARRAY['everyone', 'team' || :t]"  # the service sends them sorted, as here
        self.measure("POST /users with groups", auth, [("POST", "/users",
                     '{"first_name": "Joe", "last_name": "Smith", "userid": "u{run}-{t}-{n}", '
                     '"groups": ["everyone", "team{t}"]}')], 16, "pgbench INSERT", 0.5, expect=("201",),
                     # the statement stores a batch: one user here (arrays of one), two memberships
                     own_sql="\\set t random(1, 2)\n\\set r random(1, 1000000000000000)\n" + bind(
                         java_sql("users/JdbcUserStore.java", "INSERT_WITH_GROUPS"),
                         f"ARRAY['b{run_id}-' || :client_id || '-' || :r]", "ARRAY['Joe']", "ARRAY['Smith']",
                         f"ARRAY['b{run_id}-' || :client_id || '-' || :r, 'b{run_id}-' || :client_id || '-' || :r]",
                         groups) + ";\n")
        ids = [f"r{run_id}-{i}" for i in range(150)]
        for i in ids:
            call("POST", "/users", {"first_name": "Ann", "last_name": "Lee", "userid": i, "groups": ["readers"]}, t)
        self.measure("GET /users/{id}", auth, [("GET", "/users/" + i, None) for i in ids], 16,
                     "pgbench PK SELECT", 0.5,
                     own_sql=f"\\set i random(0, {len(ids) - 1})\n"
                             + bind(java_sql("users/JdbcUserStore.java", "FIND"), f"'r{run_id}-' || :i") + ";\n")
        for g in range(8):
            call("POST", f"/groups/big{run_id}{g}", None, t)
        first, second = json.dumps(ids[:100]), json.dumps(ids[50:])
        self.measure("PUT /groups/{name}, 100 members", auth,
                     [("PUT", f"/groups/big{run_id}{g}", first if k == 0 else second)
                      for k in range(2) for g in range(8)], 8, "pgbench INSERT")
        # tasks
        self.measure("POST /api/tasks", auth, [("POST", "/api/tasks",
                     '{"start": "2099-01-01T09:00:00Z", "title": "bench", "worker": "create-{t}", '
                     '"payload": {"n": {n}}}')], 16, "pgbench INSERT", expect=("201",))
        self.measure(f"GET /api/tasks, page of 100 over {self.tasks_in_list:,} tasks", auth, [
            ("GET", "/api/tasks?limit=100", None),
            ("GET", "/api/tasks?worker=list-7&limit=100", None),
            ("GET", "/api/tasks?status=SCHEDULED&limit=100", None),
            ("GET", "/api/tasks?worker=list-3&status=SCHEDULED&from=2030-01-01T00:00:00Z&limit=100", None),
        ], 4, None, note="target p99 <= 20 ms")
        # every round (each warm-up round and the measured one) starts with enough due tasks for itself
        # at twice the target rate, topped up and vacuumed just before it
        worker = "claim-" + uuid.uuid4().hex[:6]
        claim = "claim, 8 claimers, limit 10"
        running = lambda: int(psql(self.db, f"SELECT count(*) FROM tasks WHERE worker = '{worker}' AND status = 'RUNNING'"))
        before = {}
        # leases of an hour: a lease taken in a long warm-up must not expire (and its task be handed out
        # again, rightly) while the measured round counts what it hands out
        row = self.measure(claim, auth,
                           [("POST", "/api/tasks/claim", '{"worker": "' + worker + '", "limit": 10, "lease_seconds": 3600}')],
                           8, None, count_ids=True, rate_of="handed", unit="tasks/s", note="target >= 5000 tasks/s",
                           after_warmup=lambda: before.update(running=running()),
                           before_round=lambda seconds: self.top_up_due(worker, 10000 * seconds))
        if row:
            # answers still in flight when wrk stops are claimed but not counted: at most 8 x 10
            claimed = running() - before["running"]
            row["none_twice"] = row["duplicates"] == 0 and row["handed"] <= claimed <= row["handed"] + 80
            if not row["none_twice"]:
                log(f"  handed out {row['handed']} tasks ({row['duplicates']} twice), {claimed} became RUNNING")
        worker = "cycle-" + uuid.uuid4().hex[:6]
        cycle = "claim -> complete, 8 workers, limit 10"
        row = self.measure(cycle, auth,
                           [("POST", "/api/tasks/claim", '{"worker": "' + worker + '", "limit": 10}')], 8, None,
                           rate_of="completed", unit="tasks/s", note="target >= 2000 tasks/s", cycle=True,
                           before_round=lambda seconds: self.top_up_due(worker, 4000 * seconds))
        if row:
            row["none_twice"] = row["duplicates"] == 0
            if row["unexpected"]:
                log(f"  refused steps: {row['unexpected']}")

    def top_up_due(self, worker, count):
        """Due tasks of the worker up to count (at least 20,000, a smoke run's worth too)."""
        count = max(20000, int(count))
        due = int(psql(self.db, f"SELECT count(*) FROM tasks WHERE worker = '{worker}' AND status = 'SCHEDULED'"))
        if due < count:
            self.generate_due(worker, count - due)

    def generate_due(self, worker, count):
        psql(self.db, "INSERT INTO tasks (id, start_at, title, worker, status, payload, version) "
                      f"SELECT gen_random_uuid(), now() - interval '1 hour' + i * interval '1 millisecond', 'due', "
                      f"'{worker}', 'SCHEDULED', '{{}}', 1 FROM generate_series(1, {count}) i")
        # the rows earlier claims and completes left dead stay in the claim's index until a vacuum;
        # with autovacuum off (as on the CI machines here) no one else would do it
        psql(self.db, "VACUUM ANALYZE tasks")
        psql(self.db, "VACUUM ANALYZE task_events")

    def generate_list(self):
        log(f"generating {self.tasks_in_list:,} tasks for the list scenario")
        psql(self.db, "DELETE FROM tasks WHERE worker LIKE 'list-%'")
        psql(self.db, "INSERT INTO tasks (id, start_at, title, worker, status, payload, version) "
                      "SELECT gen_random_uuid(), timestamptz '2030-01-01' + i * interval '1 minute', 'generated', "
                      "'list-' || (i % 100), (ARRAY['SCHEDULED','RUNNING','SUCCEEDED','FAILED'])[1 + i % 4], "
                      f"jsonb_build_object('n', i), 1 FROM generate_series(1, {self.tasks_in_list}) i")
        # now, not by autovacuum in the middle of a later scenario (it would take a core from it)
        psql(self.db, "VACUUM ANALYZE tasks")

    def run(self):
        os.makedirs(WORK, exist_ok=True)
        self.db_url = os.environ.get("DATASOURCES_DEFAULT_URL") or None
        if not self.db_url:
            shutil.rmtree(os.path.join(WORK, "pgdata"), ignore_errors=True)
        started = datetime.datetime.now(datetime.timezone.utc)
        try:
            # a first start brings the schema up and tells where the database is
            self.redis_cache = False
            # (the embedded database lives as long as portside does: the references are measured while
            # this instance idles)
            self.start_portside(redis=False, auth=False)
            if self.selected("GET /api/tasks, page of 100 over"):
                self.generate_list()
            self.references = self.measure_references()
            self.stop_portside()
            for auth in (False, True):
                self.redis_cache = self.redis_up
                if self.selected(*API_SCENARIOS):
                    self.start_portside(redis=self.redis_up, auth=auth)
                    self.api_scenarios(auth)
                    self.stop_portside()
                self.redis_cache = False
                if self.selected("GUID cache hit, in-process"):
                    self.start_portside(redis=False, auth=auth)
                    self.warm_jvm()
                    self.guid_hit(auth, "GUID cache hit, in-process", 0.85)
                    self.stop_portside()
            if self.selected("GUID cache hit, in-process, access log off"):
                self.start_portside(redis=False, auth=False, access_log=False)
                self.warm_jvm()
                self.guid_hit(False, "GUID cache hit, in-process, access log off", None)
                self.stop_portside()
        finally:
            self.stop_portside()
            if self.reference_service:
                self.reference_service.stop()
        self.report(started)

    # -- the report --------------------------------------------------------------------------

    def report(self, started):
        machine = f"{platform.node()}: {os.cpu_count()} cores, {memory_gb():.0f} GiB, {platform.platform()}"
        java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
        lines = [f"# portside benchmark, {started:%Y-%m-%d %H:%M} UTC", "",
                 f"Machine: {machine}; {java}. portside started as the README says: `java -jar portside.jar`, "
                 f"no JVM flags. Database: {'configured ' + self.db['host'] + ':' + str(self.db['port']) if self.db_url else 'embedded PostgreSQL'} "
                 f"(autovacuum {self.autovacuum}); "
                 f"Redis: {self.redis if self.redis_up else 'none'}. wrk (closed loop), warm-up rounds of {self.warm} s "
                 + ("(one: smoke run), " if self.args.smoke else f"(up to {WARMUP_ROUNDS}, at least {MIN_WARMUP_ROUNDS}, until the rate settles within {SETTLED:.0%} and the JIT "
                                                      f"compiles for at most {JIT_QUIET:.0%} of a round; the table says how long), ")
                 + f"{self.seconds} s measured per scenario{'; SMOKE RUN, numbers are not meaningful' if self.args.smoke else ''}.", "",
                 "| reference | rate | p50 ms | p99 ms |", "|---|---:|---:|---:|"]
        for name, ref in self.references.items():
            lines.append(f"| {name} | {ref['rate']:,.0f}/s | {fmt(ref.get('p50_ms'))} | {fmt(ref.get('p99_ms'))} |")
        lines += ["", "The trivial endpoint above is its figure at the start; each scenario compared with it measured "
                  "it again just before and just after itself, and its ratio is to the mean of those two (shown "
                  "in brackets next to the reference).",
                  "", "| scenario | auth | conns | rate | p50 ms | p99 ms | reference | ratio | target | RSS MB | warm-up s |",
                  "|---|---|---:|---:|---:|---:|---|---:|---|---:|---:|"]
        for r in self.rows:
            target = ""
            if r.get("target") is not None and r.get("ratio") is not None:
                target = f"≥ {r['target']} {'✔' if r['ratio'] >= r['target'] else '✘'}"
            elif r["note"]:
                ok = check_note(r)
                target = r["note"].replace("target ", "") + (" ✔" if ok else " ✘")
            if "none_twice" in r:
                target += ", none twice ✔" if r["none_twice"] else ", HANDED OUT TWICE ✘"
            ratio = f"{r['ratio']:.2f}" if r.get("ratio") is not None else ""
            lines.append(f"| {r['scenario']} | {r['auth']} | {r['connections']} | {r['rate']:,.0f} {r['unit']} | "
                         f"{fmt(r['p50_ms'])} | {fmt(r['p99_ms'])} | {reference_cell(r)} | {ratio} | {target} | "
                         f"{fmt(r['rss_mb'], 0)} | {r['warmup_s']} |")
        bounded = [r for r in self.rows if r.get("bound_rate")]
        if bounded:
            lines += ["", "How far each database-bound ratio could go on this machine: the **bound** is the rate of a "
                      "request that costs exactly one trivial-endpoint exchange plus one run of the scenario's own "
                      "statement (taken from portside's source, run by pgbench), plus one Redis GET where a request "
                      "asks Redis, each measured right after the scenario at its connection count: "
                      "1 / (1/trivial + 1/statement [+ 1/GET]). Its ratio to the reference is "
                      "the highest the ratio above can be here with one statement per request (all three "
                      "can pass it: reads that wait together share a statement, and so do user creations, "
                      "whose statement runs here with one user); the last column is how much of "
                      "that bound portside reaches.", "",
                      "| scenario | auth | rate | trivial endpoint | its statement in pgbench | Redis GET | bound "
                      "| bound's ratio | of the bound |", "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
            for r in bounded:
                lines.append(f"| {r['scenario']} | {r['auth']} | {r['rate']:,.0f}/s | {r['trivial_rate']:,.0f}/s | "
                             f"{r['own_sql_rate']:,.0f}/s | "
                             + (f"{r['redis_get_rate']:,.0f}/s" if r.get("redis_get_rate") else "") + " | "
                             f"{r['bound_rate']:,.0f}/s | "
                             f"{fmt(r.get('bound_ratio'))} | {r['rate'] / r['bound_rate']:.0%} |")
        text = "\n".join(lines) + "\n"
        print()
        print(text)
        os.makedirs(RESULTS, exist_ok=True)
        stem = "smoke" if self.args.smoke else f"{started:%Y-%m-%dT%H%M}"
        with open(os.path.join(RESULTS, stem + ".md"), "w") as f:
            f.write(text)
        with open(os.path.join(RESULTS, stem + ".json"), "w") as f:
            json.dump({"started": started.isoformat(), "machine": machine, "java": java, "smoke": self.args.smoke,
                       "references": self.references, "scenarios": self.rows}, f, indent=2)
        broken = [r for r in self.rows if r["unexpected"] or r["socket_errors"] or r.get("none_twice") is False]
        if broken:
            raise SystemExit("scenarios with unexpected answers: " + ", ".join(
                f"{r['scenario']} (auth {r['auth']}): {r['unexpected']}" for r in broken))
        log(f"results in {os.path.relpath(RESULTS, ROOT)}/{stem}.md and .json")


def reference_cell(r):
    if "reference_before" in r:
        return f"{r['reference']} ({r['reference_rate']:,.0f}/s)"
    return r["reference"] or ""


def check_note(r):
    if "p99" in r["note"]:
        return r["p99_ms"] <= 20
    target = re.search(r">= ([0-9]+) tasks/s", r["note"])
    if target:
        return r["rate"] >= int(target.group(1))
    return True


def fmt(value, digits=2):
    return "" if value is None else f"{value:,.{digits}f}"


def memory_gb():
    with open("/proc/meminfo") as f:
        return int(f.readline().split()[1]) / 1024 / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="a few seconds per scenario, to show it all works")
    parser.add_argument("--duration", type=int, default=15, help="seconds measured per scenario (default 15)")
    parser.add_argument("--warmup", type=int, default=10, help="seconds per warm-up round (default 10); up to 12 rounds "
                        "per scenario (at least 3), until a round's rate is within 5 %% of the one before and the JIT "
                        "compiled for at most 2 %% of it")
    parser.add_argument("--jvm-warmup", type=int, default=60, help="seconds of mixed traffic a fresh JVM gets first")
    parser.add_argument("--tasks", type=int, default=1_000_000, help="tasks generated for the list scenario")
    parser.add_argument("--only", action="append", help="run only the scenarios whose name contains this")
    parser.add_argument("--no-build", action="store_true", help="use the jars already built")
    args = parser.parse_args()
    if args.smoke:
        args.duration, args.warmup, args.jvm_warmup, args.tasks = 2, 1, 2, min(args.tasks, 20_000)
    for tool in ("wrk", "pgbench", "psql", "redis-cli", "redis-benchmark", "java"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is not on the PATH (Debian: apt-get install wrk postgresql-client redis-tools)")
    if not args.no_build:
        log("building portside and the reference")
        subprocess.run(["mvn", "-B", "-q", "package", "-DskipTests"], cwd=ROOT, check=True)
        subprocess.run(["mvn", "-B", "-q", "-f", os.path.join(HERE, "reference", "pom.xml"), "package"],
                       cwd=ROOT, check=True)
    Run(args).run()


if __name__ == "__main__":
    main()
