'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: autocannon require()s it. */
// Loaded by autocannon inside its worker thread (option setupRequest, given as a file path): each request
// goes to a profile picked at random among the targets the scenario wrote to the JSON file named by
// BENCH_SPREAD_FILE ([{ path, cookie }]), with that person's session cookie. Random rather than in turn, so
// that the connections do not walk the profiles in step.
const { readFileSync } = require('node:fs');

const file = process.env.BENCH_SPREAD_FILE;
const targets = file ? JSON.parse(readFileSync(file, 'utf8')) : [];

module.exports = function setupRequest(req) {
  if (!targets.length) return req;
  const t = targets[Math.floor(Math.random() * targets.length)];
  return { ...req, path: t.path, headers: { ...req.headers, cookie: t.cookie } };
};
