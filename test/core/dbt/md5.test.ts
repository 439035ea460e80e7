import { createHash } from "node:crypto";
import fc from "fast-check";
import { md5Hex } from "../../../src/core/dbt/md5";

test("md5Hex agrees with node:crypto (dbt's project_id is md5 of the project name)", () => {
  expect(md5Hex("jaffle_shop")).toBe("06e5b98c2db46f8a72cc4f66410e9b3b");
  fc.assert(
    fc.property(
      fc.string({ maxLength: 200 }),
      (text) => md5Hex(text) === createHash("md5").update(text, "utf8").digest("hex"),
    ),
  );
});
