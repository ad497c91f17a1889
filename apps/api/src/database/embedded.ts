import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { type DataDirLock, lockDataDir } from './data-dir-lock';

/**
 * The embedded PostgreSQL (PGlite) behind a local socket, so that the application
 * talks to it with the same `pg` driver as to a real server. One connection only:
 * PGlite is single-session and more connections hit an upstream bug.
 */
export class EmbeddedPostgres {
  private constructor(
    readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
    private readonly lock: DataDirLock | null,
  ) {}

  /**
   * Starts PGlite on `dataDir` (null = in memory) and listens on 127.0.0.1 at a free port.
   * `loadDataDir` restores a dump (tests clone a migrated template this way).
   *
   * A data directory is locked first: PGlite has no lock of its own, and a second
   * process writing the same files corrupts the database. That second process gets
   * DataDirLockedError instead.
   */
  static async start(options: { dataDir: string | null; loadDataDir?: Blob }): Promise<EmbeddedPostgres> {
    // pg_trgm backs similar-name duplicate detection, btree_gin the scoped client search;
    // PostgreSQL ships both in contrib.
    const pgliteOptions: PGliteOptions = { extensions: { pg_trgm, btree_gin } };
    let lock: DataDirLock | null = null;
    if (options.dataDir) {
      mkdirSync(options.dataDir, { recursive: true });
      lock = await lockDataDir(options.dataDir);
      pgliteOptions.dataDir = join(options.dataDir, 'pglite');
    }
    if (options.loadDataDir) pgliteOptions.loadDataDir = options.loadDataDir;
    try {
      const db = await PGlite.create(pgliteOptions);
      // The application keeps one connection (pool size 1). The server accepts a few so that
      // a connection opened right after another closed is not refused while the old one
      // is still being torn down; queries are serialised by PGlite either way.
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
      await server.start();
      const url = `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
      return new EmbeddedPostgres(db, server, url, lock);
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  /** Writes the whole database as a tarball (used to build the test template). */
  async dump(): Promise<Blob> {
    return (await this.db.dumpDataDir('none')) as Blob;
  }

  async stop(): Promise<void> {
    await this.server.stop();
    if (!this.db.closed) await this.db.close();
    await this.lock?.release();
  }
}
