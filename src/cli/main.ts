// placeholder until the CLI lands
process.stdout.write('silkway\n')
