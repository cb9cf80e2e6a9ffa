// oidc-provider (a devDependency used only by the OIDC test) ships no type declarations.
declare module 'oidc-provider';
