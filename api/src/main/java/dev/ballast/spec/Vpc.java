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
        subnets = List.copyOf(subnets);
        securityGroupIds = List.copyOf(securityGroupIds);
    }

    /** @return a VPC configuration of these subnets and security groups */
    public static Vpc of(List<String> subnets, List<String> securityGroupIds) {
        return new Vpc(subnets, securityGroupIds);
    }
}
