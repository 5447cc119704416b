/** A throwaway CA and a server certificate for 127.0.0.1, made with openssl, for TLS tests. */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCerts {
  /** PEM text of the CA clients trust. */
  caPem: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  /** The certificate, its key and the CA in a PKCS#12 store, as the JVM reads them. */
  p12File: string;
  p12Password: string;
}

const openssl = (args: string[]) => run('openssl', args);

export async function makeTestCerts(dir: string, p12Password: string): Promise<TestCerts> {
  const f = (name: string) => join(dir, name);
  await openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'].concat([
      '-keyout',
      f('ca.key'),
      '-out',
      f('ca.pem'),
      '-subj',
      '/CN=weft-test-ca',
    ]),
  );
  await openssl(
    ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost'].concat([
      '-keyout',
      f('server.key'),
      '-out',
      f('server.csr'),
    ]),
  );
  // Clients check the name they dialled: the loopback address and localhost.
  await writeFile(f('san.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await openssl(
    ['x509', '-req', '-days', '1', '-in', f('server.csr'), '-CA', f('ca.pem')].concat([
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-extfile',
      f('san.cnf'),
      '-out',
      f('server.pem'),
    ]),
  );
  await openssl(
    ['pkcs12', '-export', '-in', f('server.pem'), '-inkey', f('server.key')]
      .concat(['-certfile', f('ca.pem'), '-name', 'server', '-passout', `pass:${p12Password}`])
      .concat(['-out', f('server.p12')]),
  );
  return {
    caPem: await readFile(f('ca.pem'), 'utf8'),
    caFile: f('ca.pem'),
    certFile: f('server.pem'),
    keyFile: f('server.key'),
    p12File: f('server.p12'),
    p12Password,
  };
}
