import { describe, expect, it } from 'vitest';
import { jpegName, reducedSize } from './reduce-photo';

describe('a camera photo reduced before upload', () => {
  it('brings the longest side down to 1600 px and keeps the proportions, upright or sideways', () => {
    expect(reducedSize(4032, 3024)).toEqual({ width: 1600, height: 1200, scaled: true });
    expect(reducedSize(3024, 4032)).toEqual({ width: 1200, height: 1600, scaled: true });
    expect(reducedSize(4000, 1000)).toEqual({ width: 1600, height: 400, scaled: true });
  });

  it('never enlarges a photo that is already small', () => {
    expect(reducedSize(1600, 900)).toEqual({ width: 1600, height: 900, scaled: false });
    expect(reducedSize(640, 480)).toEqual({ width: 640, height: 480, scaled: false });
  });

  it('names the copy as the JPEG it is', () => {
    expect(jpegName('IMG_2041.HEIC')).toBe('IMG_2041.jpg');
    expect(jpegName('image.jpeg')).toBe('image.jpg');
    expect(jpegName('garage.door.png')).toBe('garage.door.jpg');
    expect(jpegName('.jpg')).toBe('photo.jpg');
  });
});
