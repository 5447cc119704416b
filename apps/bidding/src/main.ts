/** Entry point of the bidding service. */
import 'reflect-metadata';
import { BiddingService } from './bidding.service';

void BiddingService.run();
