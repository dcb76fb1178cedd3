import { Schema, type Connection, type Model } from 'mongoose';
import { roles, type Role } from './roles.ts';

export interface User {
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  /** Department the user belongs to (approvers, department admins). */
  departmentCode?: string;
  /** Departments an approver serves in the back office, when more than their own. */
  servesDepartmentCodes: string[];
  /** Window a clerk sits at. */
  windowNumber?: string;
  active: boolean;
  /** Created by the seed with a published password; production refuses to start while one is active. */
  demo: boolean;
}

const userSchema = new Schema<User>(
  {
    username: { type: String, required: true, unique: true, trim: true, maxlength: 64 },
    displayName: { type: String, required: true, maxlength: 64 },
    passwordHash: { type: String, required: true },
    roles: { type: [String], enum: roles, required: true },
    departmentCode: String,
    servesDepartmentCodes: { type: [String], default: [] },
    windowNumber: String,
    active: { type: Boolean, default: true },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
);

export const userModel = (connection: Connection): Model<User> =>
  (connection.models.User as Model<User>) ?? connection.model<User>('User', userSchema, 'users');
