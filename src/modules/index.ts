import type { TremplinModule } from '../platform/modules.ts';
import { programmeModule } from './programme/index.ts';
import { rsaModule } from './rsa/index.ts';

/** Every service module of Tremplin. Each issue that builds a module adds it here. */
export const allModules: TremplinModule[] = [programmeModule, rsaModule];
