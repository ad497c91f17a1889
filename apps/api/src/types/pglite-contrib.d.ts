// TypeScript's "node" module resolution does not read package `exports`; Node does.
// This points the type checker at the extension's own declarations.
declare module '@electric-sql/pglite/contrib/pg_trgm' {
  export { pg_trgm } from '@electric-sql/pglite/dist/contrib/pg_trgm';
}

declare module '@electric-sql/pglite/contrib/btree_gin' {
  export { btree_gin } from '@electric-sql/pglite/dist/contrib/btree_gin';
}
