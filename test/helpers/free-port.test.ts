// onFreePort: a start that finds its probed port taken (bound by another process in between) tries
// another port; any other failure is the caller's.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { onFreePort } from './free-port.ts';

const taken = (port: number): NodeJS.ErrnoException =>
  Object.assign(new Error(`listen EADDRINUSE: address already in use 127.0.0.1:${port}`), { code: 'EADDRINUSE' });

describe('onFreePort', () => {
  it('starts again on another port when the first was taken, and returns what the start returned', async () => {
    const ports: number[] = [];
    const started = await onFreePort(async (port) => {
      ports.push(port);
      if (ports.length === 1) throw taken(port);
      return `on ${port}`;
    });
    assert.equal(ports.length, 2);
    assert.notEqual(ports[0], ports[1]);
    assert.equal(started, `on ${ports[1]}`);
  });

  it("reads nginx's and haproxy's words for a taken port too", async () => {
    for (const said of ['nginx exited (1): bind() to 127.0.0.1:20001 failed (98: Address already in use)', 'haproxy exited (1): [ALERT] cannot bind socket']) {
      let tries = 0;
      await onFreePort(async () => {
        if (++tries === 1) throw new Error(said);
      });
      assert.equal(tries, 2, said);
    }
  });

  it('gives up after three taken ports, with the last error', async () => {
    let tries = 0;
    await assert.rejects(
      onFreePort(async (port) => {
        tries++;
        throw taken(port);
      }),
      /EADDRINUSE/,
    );
    assert.equal(tries, 3);
  });

  it('does not retry any other failure', async () => {
    let tries = 0;
    await assert.rejects(
      onFreePort(async () => {
        tries++;
        throw new Error('did not listen within 10000 ms');
      }),
      /did not listen/,
    );
    assert.equal(tries, 1);
  });

  it('hands out a port a server can bind', async () => {
    const server = await onFreePort(
      (port) =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer();
          s.once('error', reject);
          s.listen(port, '127.0.0.1', () => resolve(s));
        }),
    );
    assert.ok((server.address() as net.AddressInfo).port > 0);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
