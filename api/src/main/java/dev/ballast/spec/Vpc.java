package dev.ballast.spec;

import java.util.List;

/**
 * The VPC an endpoint's instances run in.
 *
 * @param subnets 1 to 16 subnet ids
 * @param securityGroupIds 1 to 5 security group ids
 */
public record Vpc(List<String> subnets, List<String> securityGroupIds) {

    public Vpc {
        java.util.List<dev.ballast.error.Violation> nulls = new java.util.ArrayList<>();
        if (subnets == null) {
            nulls.add(dev.ballast.error.Violation.of("vpc.subnets", null, "subnets must not be null", "give 1 to 16 subnet ids, for example List.of(\"subnet-0abc1234\")"));
        }
        if (securityGroupIds == null) {
            nulls.add(dev.ballast.error.Violation.of("vpc.securityGroupIds", null, "securityGroupIds must not be null",
                    "give 1 to 5 security group ids, for example List.of(\"sg-0abc1234\")"));
        }
        if (!nulls.isEmpty()) {
            throw new dev.ballast.error.SpecValidationException(nulls);
        }
        for (int i = 0; i < subnets.size(); i++) {
            if (subnets.get(i) == null) {
                nulls.add(dev.ballast.error.Violation.of("vpc.subnets[" + i + "]", null, "must not be null", "give a subnet id such as subnet-0abc1234"));
            }
        }
        for (int i = 0; i < securityGroupIds.size(); i++) {
            if (securityGroupIds.get(i) == null) {
                nulls.add(dev.ballast.error.Violation.of("vpc.securityGroupIds[" + i + "]", null, "must not be null", "give a security group id such as sg-0abc1234"));
            }
        }
        if (!nulls.isEmpty()) {
            throw new dev.ballast.error.SpecValidationException(nulls);
        }
        subnets = List.copyOf(subnets);
        securityGroupIds = List.copyOf(securityGroupIds);
    }

    /** @return a VPC configuration of these subnets and security groups */
    public static Vpc of(List<String> subnets, List<String> securityGroupIds) {
        return new Vpc(subnets, securityGroupIds);
    }
}
