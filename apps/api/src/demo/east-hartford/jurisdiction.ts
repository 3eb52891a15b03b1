// The demo department's jurisdiction: the town of East Hartford, CT, its ZIP codes (06108 north,
// 06118 south, 06128 and 06138 post-office boxes) and the village names residents write instead of
// the town's. A department edits these in the admin app (Geography → Jurisdiction).

export const demoJurisdiction = {
  state: 'CT',
  towns: [{ name: 'East Hartford', aliases: ['E Hartford', 'East Htfd', 'E Htfd'] }],
  villages: [
    { name: 'Burnside', aliases: [] },
    { name: 'Hockanum', aliases: [] },
    { name: 'Mayberry Village', aliases: [] },
    { name: 'Sunset Ridge', aliases: [] },
  ],
  zipCodes: ['06108', '06118', '06128', '06138'],
};
