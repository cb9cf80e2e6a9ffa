import type { TremplinModule } from '../platform/modules.ts';

/** Every service module of Tremplin. Each issue that builds a module adds it here. */
export const allModules: TremplinModule[] = [];
