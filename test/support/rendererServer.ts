import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRendererAsset } from '../../main/core/rendererAssets.ts';

export interface RendererServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer on loopback with the same function (and so the same bytes and security
 * headers) as the Electron app:// protocol handler.
 */
export async function serveRenderer(rootDir: string): Promise<RendererServer> {
  const server: Server = createServer((request, response) => {
    void readRendererAsset(rootDir, new URL(request.url ?? '/', 'http://x').pathname).then((asset) => {
      response.writeHead(asset.status, asset.headers);
      response.end(asset.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
