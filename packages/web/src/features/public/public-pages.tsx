// The public chunk: everything a parent or community member reads without signing in.
export { LandingPage } from './landing-page';
export { DistrictPage } from './district-page';
export { SchoolPage } from './school-page';
