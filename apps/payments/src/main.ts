/** Entry point of the payments service. */
import 'reflect-metadata';
import { PaymentsService } from './payments.service';

void PaymentsService.run();
