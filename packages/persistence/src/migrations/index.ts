import { CoreSchema1795780452996 } from './1795780452996-core-schema.js';
import { LadderReevaluation1795784327662 } from './1795784327662-ladder-reevaluation.js';

/** In order of application; a committed migration is never edited, only followed. */
export const migrations = [CoreSchema1795780452996, LadderReevaluation1795784327662];
