import type { TremplinModule } from '../platform/modules.ts';
import { accueilModule } from './accueil/index.ts';
import { programmeModule } from './programme/index.ts';
import { rsaModule } from './rsa/index.ts';

/** Every service module of Tremplin. Each issue that builds a module adds it here. */
export const allModules: TremplinModule[] = [programmeModule, rsaModule, accueilModule];
