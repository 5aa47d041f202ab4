import { CourseEntity } from './course.entity.js';
import { InstitutionEntity } from './institution.entity.js';
import { InstructorEntity } from './instructor.entity.js';
import { JointSessionClassEntity, JointSessionEntity } from './joint-session.entity.js';
import { PairingClassEntity, PairingEntity } from './pairing.entity.js';
import { TeachingActivityEntity } from './teaching-activity.entity.js';
import { TermEntity } from './term.entity.js';
import { UserEntity } from './user.entity.js';
import { WesternClassEntity } from './western-class.entity.js';

export {
  CourseEntity,
  InstitutionEntity,
  InstructorEntity,
  JointSessionClassEntity,
  JointSessionEntity,
  PairingClassEntity,
  PairingEntity,
  TeachingActivityEntity,
  TermEntity,
  UserEntity,
  WesternClassEntity,
};

export const entities = [
  InstitutionEntity,
  TermEntity,
  InstructorEntity,
  CourseEntity,
  WesternClassEntity,
  PairingEntity,
  PairingClassEntity,
  JointSessionEntity,
  JointSessionClassEntity,
  TeachingActivityEntity,
  UserEntity,
];
