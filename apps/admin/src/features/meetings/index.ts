// What other parts of the admin app use of the meetings feature.
export { MyMeetings } from './components/my-meetings';
