/** Entry point of the wholesalers service. */
import 'reflect-metadata';
import { WholesalersService } from './wholesalers.service';

void WholesalersService.run();
