@tradevest @in-process @proxies
Feature: Tradevest proxies and the v1.5 Requestor-ID rule
  A proxy is a natural person acting for a natural person, legal entity or
  joint person (§9). POST /roles/proxies needs a Requestor-ID and answers
  {proxyId}; the proxy starts CREATED and is onboarded as a customer is
  (POST /roles/onboardings {roleType: "PROXY"}): PENDING at once, ACTIVE 60
  seconds later, its natural person with it. scopeType is for (and needed
  by) SIGNATORY only, custodyType for (and needed by) GUARDIAN only;
  JOINT_ACCOUNT_HOLDER is the system's own (decision D82).

  The Requestor-ID (decision D80) must be an ACTIVE natural person of the
  partner (else 400 naming Requestor-ID), and where the call changes an
  entity or its roles, that entity itself, one of a joint person's two
  persons, or an ACTIVE proxy of it (else 403 naming Requestor-ID). A legal
  entity or joint person with no ACTIVE proxy yet takes its first proxy
  from any ACTIVE natural person (decision D81).

  Partner sandbox of the default fixtures: Max (…5e01) is ACTIVE (customer
  …8b01); Erika (…5e02) and Lukas (…5e03) are CREATED; Musterfirma GmbH
  (7c1f…6f01) is the legal entity of customer …8b02.

  Background:
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And the sandbox clock is frozen at "2030-01-01T09:00:00Z"

  Scenario: A proxy is created, onboarded and then acts for the entity
    When I POST "/roles/proxies" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"proxyType": "GENERAL_POWER_OF_ATTORNEY", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "validityType": "UNLIMITED"}
      """
    Then the response status is 200
    And I save the response field "proxyId" as "proxy"
    When I GET "/roles/proxies/{proxy}"
    Then the response status is 200
    And the response body equals:
      """
      {"proxyId": "{proxy}", "proxyStatus": "CREATED", "proxyType": "GENERAL_POWER_OF_ATTORNEY",
       "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01",
       "entityType": "NATURAL_PERSON", "productIds": [], "validityType": "UNLIMITED",
       "customerId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "createdOn": "2030-01-01T09:00:00.000Z",
       "modifiedOn": "2030-01-01T09:00:00.000Z", "approvedOn": null}
      """
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "roles" is:
      """
      [{"roleName": "PROXY", "roleId": "{proxy}", "relatedCustomerId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"}]
      """
    # Erika is not ACTIVE yet: she may not act for Max.
    When I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02" and body:
      """
      {"labels": ["gold"]}
      """
    Then the response status is 400
    And the error details name exactly the fields "Requestor-ID"
    When I POST "/roles/onboardings" with body:
      """
      {"roleType": "PROXY", "roleId": "{proxy}"}
      """
    Then the response status is 200
    And I GET "/roles/proxies/{proxy}"
    And the response field "proxyStatus" is "PENDING"
    When the sandbox clock advances 60 seconds
    And I GET "/roles/proxies/{proxy}"
    Then the response field "proxyStatus" is "ACTIVE"
    And the response field "approvedOn" is "2030-01-01T09:01:00.000Z"
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "naturalPersonStatus" is "ACTIVE"
    When I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02" and body:
      """
      {"labels": ["gold"]}
      """
    Then the response status is 202
    When I PATCH "/roles/proxies/{proxy}" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"validityType": "UNTIL_CASE_OF_DEATH", "productIds": ["3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f"]}
      """
    Then the response status is 202
    When I GET "/roles/proxies/{proxy}"
    Then the response field "validityType" is "UNTIL_CASE_OF_DEATH"
    And the response field "productIds.0" is "3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f"
    And the response field "modifiedOn" is "2030-01-01T09:01:00.000Z"

  Scenario: A requestor that does not act for the entity is a 403
    # Max is ACTIVE but neither Erika nor a proxy of hers.
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    And I save the response field "customerId" as "erika"
    And I POST "/roles/proxies" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"proxyType": "INFORMATION_PROXY", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01",
       "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON", "validityType": "UNLIMITED"}
      """
    Then the response status is 403
    And the response field "errorCode" is "FORBIDDEN"
    And the error details name exactly the fields "Requestor-ID"
    When I PATCH "/roles/customers/{erika}" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"labels": ["gold"]}
      """
    Then the response status is 403
    And the error details name exactly the fields "Requestor-ID"

  Scenario: The first proxy of a legal entity comes from any ACTIVE natural person, later ones from its proxies
    When I POST "/roles/proxies" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"proxyType": "SIGNATORY", "scopeType": "INDIVIDUAL", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03",
       "entityId": "7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01", "entityType": "LEGAL_ENTITY", "validityType": "UNLIMITED"}
      """
    Then the response status is 200
    And I save the response field "proxyId" as "lukas"
    And I POST "/roles/onboardings" with body:
      """
      {"roleType": "PROXY", "roleId": "{lukas}"}
      """
    And the sandbox clock advances 60 seconds
    When I POST "/roles/proxies" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"proxyType": "LIQUIDATOR", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "entityId": "7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01", "entityType": "LEGAL_ENTITY", "validityType": "UNLIMITED"}
      """
    Then the response status is 403
    When I POST "/roles/proxies" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03" and body:
      """
      {"proxyType": "LIQUIDATOR", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "entityId": "7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01", "entityType": "LEGAL_ENTITY", "validityType": "UNLIMITED"}
      """
    Then the response status is 200
    When I GET "/roles/proxies?customerId=9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"
    Then the "proxyType" of the items in "data" are "LIQUIDATOR, SIGNATORY"
    When I GET "/roles/proxies?proxyStatus=ACTIVE"
    Then the "proxyId" of the items in "data" are "{lukas}"
    When I GET "/roles/proxies?proxyType=SIGNATORY&validityType=UNLIMITED&naturalPersonId=6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03"
    Then the "proxyId" of the items in "data" are "{lukas}"
    When I GET "/roles/proxies?searchText=erika"
    Then the "proxyType" of the items in "data" are "LIQUIDATOR"
    When I GET "/roles/proxies?limit=1"
    Then the response field "data" is a list of 1 item
    And the response field "data.0.proxyType" is "LIQUIDATOR"

  Scenario Outline: A proxy with <case> is refused
    When I POST "/roles/proxies" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      <body>
      """
    Then the response status is 400
    And the error details name exactly the fields "<field>"
    When I GET "/roles/proxies"
    Then the response field "data" is a list of 0 items

    Examples:
      | case                                | field           | body |
      | the system's own type               | proxyType       | {"proxyType": "JOINT_ACCOUNT_HOLDER", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "validityType": "UNLIMITED"} |
      | a scope on a non-signatory          | scopeType       | {"proxyType": "INFORMATION_PROXY", "scopeType": "JOINT", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "validityType": "UNLIMITED"} |
      | a signatory without scope           | scopeType       | {"proxyType": "SIGNATORY", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "validityType": "UNLIMITED"} |
      | a custody on a non-guardian         | custodyType     | {"proxyType": "INFORMATION_PROXY", "custodyType": "SINGLE_CUSTODY", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "validityType": "UNLIMITED"} |
      | a guardian without custody          | custodyType     | {"proxyType": "GUARDIAN", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "validityType": "UNTIL_LEGAL_AGE"} |
      | an unknown natural person           | naturalPersonId | {"proxyType": "INFORMATION_PROXY", "naturalPersonId": "00000000-0000-4000-8000-000000000000", "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "validityType": "UNLIMITED"} |
      | the person as its own proxy         | naturalPersonId | {"proxyType": "INFORMATION_PROXY", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "validityType": "UNLIMITED"} |
      | the wrong entity type               | entityType      | {"proxyType": "INFORMATION_PROXY", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "LEGAL_ENTITY", "validityType": "UNLIMITED"} |
      | an unknown validity                 | validityType    | {"proxyType": "INFORMATION_PROXY", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "validityType": "FOREVER"} |

  Scenario Outline: A proxy created with <case> as Requestor-ID is refused
    When I POST "/roles/proxies" with the Requestor-ID "<requestor>" and body:
      """
      {"proxyType": "INFORMATION_PROXY", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "validityType": "UNLIMITED"}
      """
    Then the response status is 400
    And the error details name exactly the fields "Requestor-ID"

    Examples:
      | case                         | requestor                            |
      | a CREATED natural person     | 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02 |
      | an unknown UUID              | 00000000-0000-4000-8000-000000000000 |
      | a legal entity               | 7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01 |
      | no UUID                      | max                                  |

  Scenario: A proxy needs a Requestor-ID
    When I POST "/roles/proxies" with body:
      """
      {"proxyType": "INFORMATION_PROXY", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "validityType": "UNLIMITED"}
      """
    Then the response status is 400
    And the error details name exactly the fields "Requestor-ID"

  Scenario: The same proxy twice is a 409, an unknown one a 404
    Given I POST "/roles/proxies" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"proxyType": "INFORMATION_PROXY", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "validityType": "UNLIMITED"}
      """
    And I save the response field "proxyId" as "proxy"
    When I POST "/roles/proxies" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"proxyType": "INFORMATION_PROXY", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "validityType": "UNLIMITED"}
      """
    Then the response status is 409
    When I GET "/roles/proxies/3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f"
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"
    When I PATCH "/roles/proxies/3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"validityType": "UNLIMITED"}
      """
    Then the response status is 404
    When I PATCH "/roles/proxies/{proxy}" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"scopeType": "JOINT"}
      """
    Then the response status is 400
    And the error details name exactly the fields "scopeType"
    When I GET "/roles/proxies?proxyType=NOBODY"
    Then the response status is 400
    And the error details name the field "proxyType"

  Scenario: A general power of attorney in case of death is onboarded only for a customer in ESTATE
    Given I POST "/roles/proxies" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"proxyType": "GENERAL_POWER_OF_ATTORNEY", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "validityType": "IN_CASE_OF_DEATH"}
      """
    And I save the response field "proxyId" as "proxy"
    When I POST "/roles/onboardings" with body:
      """
      {"roleType": "PROXY", "roleId": "{proxy}"}
      """
    Then the response status is 409
    And the response field "errorCode" is "CONFLICT"
    When I GET "/roles/proxies/{proxy}"
    Then the response field "proxyStatus" is "CREATED"

  Scenario: An entity PATCH with a Requestor-ID must come from someone acting for it
    When I PATCH "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"profession": "Pilot"}
      """
    Then the response status is 403
    And the error details name exactly the fields "Requestor-ID"
    When I PATCH "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"profession": "Pilot"}
      """
    Then the response status is 202
