/** Entry point of the shops service. */
import 'reflect-metadata';
import { ShopsService } from './shops.service';

void ShopsService.run();
