// Runs the graphql-http server audits (the GraphQL over HTTP specification's own
// conformance checks) against a running hub and prints every result.
//
//   node audit.mjs [URL]        default URL: http://127.0.0.1:8000/graphql
//
// Exit status: 0 when every MUST audit passes, 1 when one fails, 2 when the audit
// itself could not run (server unreachable, say).

import { serverAudits } from 'graphql-http';

const DEFAULT_URL = 'http://127.0.0.1:8000/graphql';
const LABELS = { ok: 'PASS', notice: 'NOTE', warn: 'WARN', error: 'FAIL' };

function describeFailure(result) {
  const response = result.response;
  const status = response ? ` [HTTP ${response.status} ${response.headers.get('content-type') ?? '-'}]` : '';
  return `${result.reason}${status}`;
}

async function main() {
  const url = process.argv[2] ?? DEFAULT_URL;
  const audits = serverAudits({ url, fetchFn: fetch });
  console.log(`graphql-http server audits against ${url}\n`);

  // One at a time, so the output follows the specification's order.
  const results = [];
  for (const audit of audits) {
    const result = await audit.fn();
    results.push(result);
    const line = `${LABELS[result.status]}  ${result.id}  ${result.name}`;
    console.log(result.status === 'ok' ? line : `${line}\n      -> ${describeFailure(result)}`);
  }

  const count = (status) => results.filter((result) => result.status === status).length;
  console.log(
    `\n${results.length} audits: ${count('ok')} pass, ${count('notice')} notice (MAY), ` +
      `${count('warn')} warn (SHOULD), ${count('error')} fail (MUST)`,
  );
  process.exitCode = count('error') > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(`The audit could not run: ${error?.cause?.message ?? error?.message ?? error}`);
  process.exitCode = 2;
});
