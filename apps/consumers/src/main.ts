/** Entry point of the consumers service. */
import 'reflect-metadata';
import { ConsumersService } from './consumers.service';

void ConsumersService.run();
