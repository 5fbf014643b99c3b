// Lets `prisma generate` and `prisma migrate diff` run offline: with the JS engine and a driver
// adapter the CLI never downloads Prisma's Rust engines (see README, "Offline Prisma").
import { defineConfig } from 'prisma/config'
import { PrismaPg } from '@prisma/adapter-pg'

process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
})
