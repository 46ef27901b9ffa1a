// `node --import tsx bench/agents-ports.ts [N]`: why connections past ~14,000 to one server come slowly
// here (see bench/agents.ts). Opens N plain TCP connections to one loopback listener (in a child
// process, which holds the other ends), 100 at a time, and prints for each 1,000 the time they took
// and how many local ports so far were even and odd: Linux's connect() takes even ports of
// ip_local_port_range first, then searches the odd ones.
import { fork } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

if (process.argv[2] === 'server') {
  const server = net.createServer((socket) => socket.on('error', () => {}));
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as net.AddressInfo).port));
} else {
  const child = fork(fileURLToPath(import.meta.url), ['server'], { execArgv: process.execArgv });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(m as number)));
  const n = Number(process.argv[2] ?? 17_000);
  const sockets: net.Socket[] = [];
  let even = 0;
  let odd = 0;
  let t = performance.now();
  const each1000: { connections: number; ms: number; even: number; odd: number }[] = [];
  for (let i = 0; i < n; i += 100) {
    await Promise.all(
      Array.from(
        { length: 100 },
        () =>
          new Promise<void>((resolve, reject) => {
            const socket = net.connect(port, '127.0.0.1', () => {
              if (socket.localPort! % 2 === 0) even++;
              else odd++;
              resolve();
            });
            socket.on('error', reject);
            sockets.push(socket);
          }),
      ),
    );
    if ((i + 100) % 1000 === 0) {
      const now = performance.now();
      each1000.push({ connections: i + 100, ms: Math.round(now - t), even, odd });
      t = now;
    }
  }
  console.log(JSON.stringify(each1000));
  for (const socket of sockets) socket.destroy();
  child.kill();
  process.exit(0);
}
