#!/usr/bin/env node
/**
 * The floor under any API answer: Node's own http server sending a fixed JSON body, with
 * no framework, no sign-in and no database. The scale bench runs it on the client card's
 * real answer, so "API CPU per request" can be read against what Node alone costs to
 * receive a keep-alive request and send those bytes back on this machine.
 *
 *   node bench/lib/floor-server.mjs <port> <file with the body>
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';

const [port, bodyFile] = process.argv.slice(2);
const body = readFileSync(bodyFile);
http
  .createServer((req, res) => {
    // Read (and drop) the request like any server would, then answer.
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  })
  .listen(Number(port), '127.0.0.1', () => process.stdout.write('listening\n'));
