import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { FRONT_DOOR_ROLES } from '../common/auth/roles.js';
import { QueuePicture } from './queue-picture.dto.js';
import { QueuePictureService } from './queue-picture.service.js';

@ApiTags('live queue')
@Controller('queue')
export class QueuePictureController {
  constructor(private readonly pictures: QueuePictureService) {}

  /** The dashboard's starting picture and the seq to continue from over /live. */
  @Get()
  @Roles(...FRONT_DOOR_ROLES)
  @ApiOkResponse({ type: QueuePicture })
  picture(): Promise<QueuePicture> {
    return this.pictures.picture();
  }
}
