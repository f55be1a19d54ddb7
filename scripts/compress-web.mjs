// After `vite build`: a .br and a .gz beside each text asset of web/dist, which @fastify/static serves
// (preCompressed) to browsers that accept them. Built once here rather than compressed per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = path.join(import.meta.dirname, '..', 'web', 'dist');
const text = /\.(js|css|html|svg|json|txt|map)$/;
let files = 0;
let raw = 0;
let br = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) walk(file);
    else if (text.test(name) && !name.endsWith('.map')) {
      const bytes = readFileSync(file);
      const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      writeFileSync(`${file}.br`, brotli);
      writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      files++;
      raw += bytes.length;
      br += brotli.length;
    }
  }
}
walk(dist);
console.log(
  `compressed ${files} files of web/dist: ${(raw / 1024).toFixed(0)} kB → ${(br / 1024).toFixed(0)} kB brotli`,
);
