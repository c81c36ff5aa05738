// The live results under load: N participants' streams connected to one event's live results
// while V votes a second arrive for D seconds, each from a new participant (joining as they
// vote). Measures each vote's answer time, and for every vote and every stream the time from
// sending the vote to the stream's first update that includes it (the update's id is the
// event's change number; each vote's answer carries the change number it made).
//
//   node events.mjs BASE_URL CODE OPTION_ID [STREAMS=500] [VOTES_PER_SECOND=50] [SECONDS=60]
import http from 'node:http';

const [base, code, option, streamsArg, rateArg, secondsArg] = process.argv.slice(2);
const STREAMS = Number(streamsArg ?? 500);
const RATE = Number(rateArg ?? 50);
const SECONDS = Number(secondsArg ?? 60);
const url = new URL(base);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

const now = () => Number(process.hrtime.bigint()) / 1e6;
const percentile = (xs, p) => {
  if (xs.length === 0) return NaN;
  const sorted = Float64Array.from(xs).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

// Each stream: arrival times of its updates, by change number (ascending).
const streams = [];
let streamErrors = 0;
function connect() {
  return new Promise((resolve) => {
    const s = { ids: [], times: [], tail: '' };
    const req = http.get({ host: url.hostname, port: url.port, path: `/e/${code}/live`, agent, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) { streamErrors++; res.resume(); resolve(); return; }
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        const t = now();
        const text = s.tail + chunk;
        const re = /\nid: ?(\d+)\n/g;
        let m;
        let last = 0;
        while ((m = re.exec(text))) { s.ids.push(Number(m[1])); s.times.push(t); last = re.lastIndex; }
        if (text.startsWith('id:')) { /* first message of the stream starts the text */ }
        s.tail = text.slice(Math.max(last, text.length - 64));
      });
      res.on('error', () => streamErrors++);
      streams.push(s);
      resolve();
    });
    req.on('error', () => { streamErrors++; resolve(); });
  });
}

for (let i = 0; i < STREAMS; i += 50) {
  await Promise.all(Array.from({ length: Math.min(50, STREAMS - i) }, connect));
}
await new Promise((r) => setTimeout(r, 1000));
console.log(`${streams.length} streams connected (${streamErrors} failed)`);

const votes = []; // { sent, answered, change }
let voteErrors = 0;
function castVote() {
  const body = `votes%5B${option}%5D=1`;
  const sent = now();
  const req = http.request({
    host: url.hostname, port: url.port, path: `/e/${code}/ballot`, method: 'POST', agent,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), origin: base, 'sec-fetch-site': 'same-origin' },
  }, (res) => {
    res.resume();
    res.on('end', () => {
      const change = Number(res.headers['x-trustboard-change']);
      if (res.statusCode !== 303 || !change) { voteErrors++; return; }
      votes.push({ sent, answered: now(), change });
    });
  });
  req.on('error', () => voteErrors++);
  req.end(body);
}

const total = RATE * SECONDS;
const started = now();
for (let i = 0; i < total; i++) {
  const due = started + (i * 1000) / RATE;
  const wait = due - now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  castVote();
}
// Let the last updates arrive.
await new Promise((r) => setTimeout(r, 2000));

const voteTimes = votes.map((v) => v.answered - v.sent);
const delivered = [];
let missing = 0;
votes.sort((a, b) => a.change - b.change);
for (const s of streams) {
  let j = 0;
  for (const v of votes) {
    while (j < s.ids.length && s.ids[j] < v.change) j++;
    if (j >= s.ids.length) { missing++; continue; }
    delivered.push(s.times[j] - v.sent);
  }
}
const report = {
  streams: streams.length,
  stream_errors: streamErrors,
  votes_sent: total,
  votes_counted: votes.length,
  vote_errors: voteErrors,
  vote_ms: { p50: percentile(voteTimes, 50), p99: percentile(voteTimes, 99), max: Math.max(...voteTimes) },
  deliveries: delivered.length,
  undelivered: missing,
  delivery_ms: { p50: percentile(delivered, 50), p99: percentile(delivered, 99), max: delivered.reduce((a, b) => Math.max(a, b), 0) },
  updates_per_stream: streams.length ? streams.reduce((n, s) => n + s.ids.length, 0) / streams.length : 0,
};
console.log(JSON.stringify(report));
for (const s of streams) s.ids.length = 0;
agent.destroy();
process.exit(0);
